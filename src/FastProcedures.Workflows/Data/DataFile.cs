using System.Globalization;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Data;

/// <summary>A YAML data file under <c>workflows/data/</c> checked against its JSON Schema in <c>workflows/schema/</c>;
/// errors are reported at <c>file:line:col</c> like a definition's.</summary>
internal static class DataFile
{
    public static (YamlSource Source, JsonObject Root)? Load(string file, string schemaFile, List<Diagnostic> errors)
    {
        var before = errors.Count;
        if (YamlSource.ReadFile(file, errors) is not { } text)
        {
            return null;
        }
        var source = YamlSource.Parse(file, text, errors);
        SchemaValidator.FromFile(schemaFile).Validate(source, errors);
        return errors.Count > before || source.Root is not JsonObject root ? null : (source, root);
    }

    public static DateOnly? Date(YamlSource source, string pointer, JsonNode? node, List<Diagnostic> errors)
    {
        if (DateOnly.TryParseExact((string?)node, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(source.At(pointer, $"'{node}' is not a date"));
        return null;
    }

    /// <summary>A JSON number (integer or not) as a decimal.</summary>
    public static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
