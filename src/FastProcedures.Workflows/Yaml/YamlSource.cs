using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastProcedures.Workflows.Yaml;

/// <summary>
/// A YAML file read as JSON (for JSON Schema validation and the model) that remembers where every node stood, so
/// each error points at <c>file:line:col</c>. Plain scalars become numbers, booleans or null as YAML 1.2's core
/// schema says; quoted scalars stay strings.
/// </summary>
public sealed partial class YamlSource
{
    private readonly Dictionary<string, (int Line, int Column)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Line, int Column)> _keys = new(StringComparer.Ordinal);

    private YamlSource(string file) => File = file;

    public string File { get; }
    public JsonNode? Root { get; private set; }

    public static YamlSource Parse(string file, string text, List<Diagnostic> errors)
    {
        var source = new YamlSource(file);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                errors.Add(new Diagnostic(file, 1, 1, "the file is empty"));
                return source;
            }
            source.Root = source.ToJson(stream.Documents[0].RootNode, "");
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            errors.Add(new Diagnostic(file, (int)e.Start.Line, (int)e.Start.Column, "YAML: " + Tidy(message)));
        }
        return source;
    }

    /// <summary>Where the value at a JSON pointer starts (or its nearest existing parent).</summary>
    public Diagnostic At(string pointer, string message)
    {
        var p = pointer;
        while (true)
        {
            if (_values.TryGetValue(p, out var at))
            {
                return new Diagnostic(File, at.Line, at.Column, message);
            }
            if (p.Length == 0)
            {
                return new Diagnostic(File, 1, 1, message);
            }
            p = p[..p.LastIndexOf('/')];
        }
    }

    /// <summary>Where the key of a mapping entry stands (falls back to its value).</summary>
    public Diagnostic AtKey(string pointer, string message) =>
        _keys.TryGetValue(pointer, out var at) ? new Diagnostic(File, at.Line, at.Column, message) : At(pointer, message);

    /// <summary>SHA-256 of the canonical form: the parsed document as compact JSON with sorted keys, so comments,
    /// layout and key order do not change a definition's identity while any change of content does.</summary>
    public string CanonicalSha256() =>
        System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(Root))));

    public static string Canonical(JsonNode? node)
    {
        var buffer = new StringBuilder();
        Write(node, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder buffer)
    {
        switch (node)
        {
            case JsonObject o:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) buffer.Append(',');
                    first = false;
                    buffer.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, buffer);
                }
                buffer.Append('}');
                break;
            case JsonArray a:
                buffer.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) buffer.Append(',');
                    Write(a[i], buffer);
                }
                buffer.Append(']');
                break;
            case null:
                buffer.Append("null");
                break;
            default:
                buffer.Append(node.ToJsonString());
                break;
        }
    }

    private JsonNode? ToJson(YamlNode node, string pointer)
    {
        _values[pointer] = ((int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = ((YamlScalarNode)keyNode).Value ?? "";
                    var child = pointer + "/" + key.Replace("~", "~0").Replace("/", "~1");
                    _keys[child] = ((int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    obj[key] = ToJson(valueNode, child);
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, pointer + "/" + index++));
                }
                return array;
            case YamlScalarNode scalar:
                return ScalarValue(scalar);
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    private static JsonNode? ScalarValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer is >= int.MinValue and <= int.MaxValue ? JsonValue.Create((int)integer) : JsonValue.Create(integer);
        }
        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    private static string Tidy(string message) =>
        message.Replace("\r", " ").Replace("\n", " ").Trim();
}
