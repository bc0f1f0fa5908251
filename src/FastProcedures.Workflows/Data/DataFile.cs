using System.Globalization;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Data;

/// <summary>A YAML data file under <c>workflows/data/</c> checked against its JSON Schema (<c>workflows/schema/</c>, embedded);
/// errors are reported at <c>file:line:col</c> like a definition's.</summary>
internal static class DataFile
{
    /// <summary>Parses a data file and checks it against the engine's schema for its name.</summary>
    public static (YamlSource Source, JsonObject Root)? Load(DefinitionSource file, string name, List<Diagnostic> errors)
    {
        var before = errors.Count;
        var source = YamlSource.Parse(file, errors);
        SchemaValidator.ForDataFile(name).Validate(source, errors);
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
