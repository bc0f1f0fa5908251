using System.Globalization;
using System.Text.Json;

namespace FastProcedures.Statistics.ProcessMining;

/// <summary>
/// Writes a <see cref="ProcessLog"/> as OCEL 2.0 JSON (https://www.ocel-standard.org/, JSON format; validated in the
/// tests against <c>ocel20-schema-json.json</c>, the published schema). Objects: the cases (asylum-case,
/// return-case; a return case relates to the asylum case it follows), the procedures (definition ids) and the units.
/// Every event relates to its case, its unit and its procedure. Attribute values are strings, as the schema types them.
/// </summary>
public static class OcelWriter
{
    public const string Procedure = "procedure";
    public const string Unit = "unit";

    public static void Write(ProcessLog log, Stream output, Action<string>? progress = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();

        json.WriteStartArray("objectTypes");
        WriteType(json, ProcessLog.AsylumCase, ["procedure", "outcome"]);
        WriteType(json, ProcessLog.ReturnCase, ["basis"]);
        WriteType(json, Procedure, []);
        WriteType(json, Unit, []);
        json.WriteEndArray();

        json.WriteStartArray("eventTypes");
        foreach (var type in log.Events.GroupBy(e => e.Activity).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            WriteType(json, type.Key, [.. type.SelectMany(e => e.Attributes.Select(a => a.Key)).Distinct().Order(StringComparer.Ordinal)]);
        }
        json.WriteEndArray();

        json.WriteStartArray("objects");
        foreach (var c in log.Cases)
        {
            json.WriteStartObject();
            json.WriteString("id", c.Id);
            json.WriteString("type", c.Kind);
            json.WriteStartArray("attributes");
            foreach (var (name, value, time) in c.Attributes)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("value", value);
                json.WriteString("time", Time(time));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("relationships");
            if (c.Follows is { } follows)
            {
                WriteRelationship(json, follows, "follows");
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        foreach (var procedure in log.Procedures)
        {
            WriteObject(json, procedure, Procedure);
        }
        foreach (var unit in ProcessLog.Units)
        {
            WriteObject(json, unit, Unit);
        }
        json.WriteEndArray();

        json.WriteStartArray("events");
        var written = 0;
        foreach (var e in log.Events)
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("type", e.Activity);
            json.WriteString("time", Time(e.Time));
            json.WriteStartArray("attributes");
            foreach (var (name, value) in e.Attributes)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("value", value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("relationships");
            WriteRelationship(json, e.Case, "case");
            if (e.Unit is { } unit && ProcessLog.Units.Contains(unit))
            {
                WriteRelationship(json, unit, "unit");
            }
            if (e.Procedure is { } procedure)
            {
                WriteRelationship(json, procedure, "procedure");
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (++written % 10000 == 0)
            {
                json.Flush();
                progress?.Invoke($"{written} of {log.Events.Count} events written ...");
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as the OCEL examples write time.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteType(Utf8JsonWriter json, string name, IReadOnlyList<string> attributes)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartArray("attributes");
        foreach (var attribute in attributes)
        {
            json.WriteStartObject();
            json.WriteString("name", attribute);
            json.WriteString("type", "string");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteObject(Utf8JsonWriter json, string id, string type)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("type", type);
        json.WriteStartArray("attributes");
        json.WriteEndArray();
        json.WriteStartArray("relationships");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRelationship(Utf8JsonWriter json, string objectId, string qualifier)
    {
        json.WriteStartObject();
        json.WriteString("objectId", objectId);
        json.WriteString("qualifier", qualifier);
        json.WriteEndObject();
    }

    /// <summary>The OCEL 2.0 JSON schema as published (https://www.ocel-standard.org/2.0/ocel20-schema-json.json).</summary>
    public static string Schema()
    {
        using var stream = typeof(OcelWriter).Assembly.GetManifestResourceStream("ocel20-schema-json.json")
            ?? throw new InvalidOperationException("ocel20-schema-json.json is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
