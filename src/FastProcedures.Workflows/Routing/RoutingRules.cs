using System.Text.Json.Nodes;
using FastProcedures.Workflows.Data;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Routing;

/// <summary>One routing rule: when every condition holds, the application goes to <see cref="Procedure"/>.
/// Conditions are keyed as in <c>workflows/data/routing-rules.yaml</c> (place, security-grounds, ...).</summary>
public sealed record RoutingRule(
    string Id, IReadOnlyDictionary<string, string> When, string Procedure, string? Ground, string LegalBasis, int Line);

/// <summary>The routing rules as data (<c>workflows/data/routing-rules.yaml</c>), tried in order, first match wins.</summary>
public sealed record RoutingRules(
    int Version,
    DateOnly AppliesFrom,
    string PrePactLegalBasis,
    decimal LowRecognitionThreshold,
    string LowRecognitionLegalBasis,
    IReadOnlyList<RoutingRule> Rules,
    string SourceFile)
{
    public const string FileName = "routing-rules.yaml";

    /// <summary>Loads and checks the rules; <paramref name="procedureIds"/> are the definitions a rule may name.</summary>
    public static RoutingRules? Load(string workflowsDirectory, IReadOnlySet<string> procedureIds, List<Diagnostic> errors) =>
        Load(Path.Combine(workflowsDirectory, "data", FileName), Path.Combine(workflowsDirectory, "schema", "routing-rules.schema.json"),
            procedureIds, errors);

    public static RoutingRules? Load(string file, string schemaFile, IReadOnlySet<string> procedureIds, List<Diagnostic> errors)
    {
        if (DataFile.Load(file, schemaFile, errors) is not { } loaded)
        {
            return null;
        }
        var (source, root) = loaded;
        var before = errors.Count;
        var appliesFrom = DataFile.Date(source, "/applies-from", root["applies-from"], errors);
        var rules = new List<RoutingRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var items = (JsonArray)root["rules"]!;
        for (var i = 0; i < items.Count; i++)
        {
            var node = (JsonObject)items[i]!;
            var at = $"/rules/{i}";
            var id = (string)node["id"]!;
            if (!ids.Add(id))
            {
                errors.Add(source.At(at + "/id", $"duplicate rule id '{id}'"));
            }
            var procedure = (string)node["procedure"]!;
            if (!procedureIds.Contains(procedure))
            {
                errors.Add(source.At(at + "/procedure", $"rule '{id}' routes to '{procedure}', which is no definition in workflows/"));
            }
            var when = ((JsonObject)node["when"]!).ToDictionary(
                p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : (string)p.Value!,
                StringComparer.Ordinal);
            if (i == items.Count - 1 && when.Count > 0)
            {
                errors.Add(source.At(at + "/when", $"the last rule ('{id}') must have no conditions, so every application is routed"));
            }
            if (i < items.Count - 1 && when.Count == 0)
            {
                errors.Add(source.At(at + "/when", $"rule '{id}' has no conditions, so the rules after it are never used"));
            }
            rules.Add(new RoutingRule(id, when, procedure, (string?)node["ground"], (string)node["legal-basis"]!,
                source.At(at, "").Line));
        }
        if (errors.Count > before)
        {
            return null;
        }
        var low = (JsonObject)root["low-recognition-rate"]!;
        return new RoutingRules((int)root["version"]!, appliesFrom!.Value, (string)root["pre-pact-legal-basis"]!,
            DataFile.Number(low["threshold"]!), (string)low["legal-basis"]!, rules, file);
    }
}
