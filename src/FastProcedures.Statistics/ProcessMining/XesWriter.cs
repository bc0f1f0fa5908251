using System.Xml;

namespace FastProcedures.Statistics.ProcessMining;

/// <summary>
/// Writes a <see cref="ProcessLog"/> as XES (IEEE 1849-2016): one trace per case (its pseudonym as concept:name),
/// events with concept:name, time:timestamp, lifecycle:transition and org:group (the unit), plus the log's
/// allow-listed attributes. A return case's trace names the asylum case it follows (case:follows).
/// </summary>
public static class XesWriter
{
    private const string Namespace = "http://www.xes-standard.org/";

    public static void Write(ProcessLog log, Stream output, Action<string>? progress = null)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument();
        xml.WriteStartElement("log", Namespace);
        xml.WriteAttributeString("xes.version", "1849-2016");
        xml.WriteAttributeString("xes.features", "");
        Extension(xml, "Concept", "concept");
        Extension(xml, "Time", "time");
        Extension(xml, "Lifecycle", "lifecycle");
        Extension(xml, "Organizational", "org");
        xml.WriteStartElement("global", Namespace);
        xml.WriteAttributeString("scope", "trace");
        Attribute(xml, "string", "concept:name", "__INVALID__");
        xml.WriteEndElement();
        xml.WriteStartElement("global", Namespace);
        xml.WriteAttributeString("scope", "event");
        Attribute(xml, "string", "concept:name", "__INVALID__");
        Attribute(xml, "date", "time:timestamp", "1970-01-01T00:00:00.000Z");
        xml.WriteEndElement();
        xml.WriteStartElement("classifier", Namespace);
        xml.WriteAttributeString("name", "Activity");
        xml.WriteAttributeString("keys", "concept:name");
        xml.WriteEndElement();
        Attribute(xml, "string", "concept:name", $"FastProcedures {log.Country} {OcelWriter.Time(log.From)} to {OcelWriter.Time(log.To)}");

        var written = 0;
        var byCase = log.Events.ToLookup(e => e.Case);
        foreach (var c in log.Cases.Where(c => byCase[c.Id].Any()))
        {
            xml.WriteStartElement("trace", Namespace);
            Attribute(xml, "string", "concept:name", c.Id);
            Attribute(xml, "string", "case:kind", c.Kind);
            if (c.Follows is { } follows)
            {
                Attribute(xml, "string", "case:follows", follows);
            }
            foreach (var e in byCase[c.Id])
            {
                xml.WriteStartElement("event", Namespace);
                Attribute(xml, "string", "concept:name", e.Activity);
                Attribute(xml, "date", "time:timestamp", OcelWriter.Time(e.Time));
                Attribute(xml, "string", "lifecycle:transition", "complete");
                if (e.Unit is { } unit)
                {
                    Attribute(xml, "string", "org:group", unit);
                }
                if (e.Procedure is { } procedure)
                {
                    Attribute(xml, "string", "procedure", procedure);
                }
                foreach (var (name, value) in e.Attributes.Where(a => a.Key != "procedure"))
                {
                    Attribute(xml, "string", name, value);
                }
                xml.WriteEndElement();
                if (++written % 10000 == 0)
                {
                    progress?.Invoke($"{written} of {log.Events.Count} events written ...");
                }
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Extension(XmlWriter xml, string name, string prefix)
    {
        xml.WriteStartElement("extension", Namespace);
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("prefix", prefix);
        xml.WriteAttributeString("uri", $"http://www.xes-standard.org/{name.ToLowerInvariant()}.xesext");
        xml.WriteEndElement();
    }

    private static void Attribute(XmlWriter xml, string type, string key, string value)
    {
        xml.WriteStartElement(type, Namespace);
        xml.WriteAttributeString("key", key);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }
}
