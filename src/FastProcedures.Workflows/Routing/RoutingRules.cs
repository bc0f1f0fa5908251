using System.Text.Json.Nodes;
using FastProcedures.Workflows.Data;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Routing;

/// <summary>One routing rule: when every condition holds, the application goes to <see cref="Procedure"/>.
/// Conditions are keyed as in <c>workflows/data/routing-rules.yaml</c> (place, security-grounds, ...).</summary>
public sealed record RoutingRule(
    string Id, IReadOnlyDictionary<string, string> When, string Procedure, string? Ground, string LegalBasis, int Line);

/// <summary>A dated release from the mandatory border procedure: <c>adequate-capacity</c> (APR Art. 48, Art. 42(1)(j)
/// cases) or <c>annual-maximum</c> (APR Art. 47, Art. 42(1)(c) and (j) cases).</summary>
public sealed record CapacityRelease(string Country, string Kind, DateOnly From, DateOnly Until, string Reference);

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
    /// <summary>Nationalities designated safe countries of origin (APR Art. 42(1)(b), Arts. 59, 61).</summary>
    public IReadOnlySet<string> SafeCountriesOfOrigin { get; init; } = new HashSet<string>();

    /// <summary>Dated releases from the mandatory border procedure (APR Arts. 47-48), per country.</summary>
    public IReadOnlyList<CapacityRelease> CapacityReleases { get; init; } = [];

    /// <summary>Whether a release of <paramref name="kind"/> covers an application of <paramref name="country"/> made on
    /// <paramref name="date"/>.</summary>
    public bool Released(string country, DateOnly date, string kind) =>
        CapacityReleases.Any(r => r.Country == country && r.Kind == kind && r.From <= date && date <= r.Until);

    public const string FileName = "routing-rules.yaml";

    /// <summary>Loads and checks the rules; <paramref name="procedureIds"/> are the definitions a rule may name.</summary>
    public static RoutingRules? Load(DefinitionSource file, IReadOnlySet<string> procedureIds, List<Diagnostic> errors)
    {
        if (DataFile.Load(file, FileName, errors) is not { } loaded)
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
        var releases = new List<CapacityRelease>();
        foreach (var (country, list) in root["border-capacity"] as JsonObject ?? [])
        {
            var entries = (JsonArray)list!;
            for (var i = 0; i < entries.Count; i++)
            {
                var node = (JsonObject)entries[i]!;
                var at = $"/border-capacity/{country}/{i}";
                var from = DataFile.Date(source, at + "/from", node["from"], errors);
                var until = node["until"] is { } u ? DataFile.Date(source, at + "/until", u, errors) : null;
                if (from is null)
                {
                    continue;
                }
                // APR Art. 48: "for the remainder of that calendar year" unless numbers fall below capacity earlier.
                var last = until ?? new DateOnly(from.Value.Year, 12, 31);
                if (last < from)
                {
                    errors.Add(source.At(at + "/until", $"release ends ({last:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})"));
                }
                releases.Add(new CapacityRelease(country, (string)node["kind"]!, from.Value, last, (string)node["reference"]!));
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        var safe = root["safe-countries-of-origin"] is JsonObject origin
            ? ((JsonArray)origin["nationalities"]!).Select(n => (string)n!).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var low = (JsonObject)root["low-recognition-rate"]!;
        return new RoutingRules((int)root["version"]!, appliesFrom!.Value, (string)root["pre-pact-legal-basis"]!,
            DataFile.Number(low["threshold"]!), (string)low["legal-basis"]!, rules, file.FileName)
        {
            SafeCountriesOfOrigin = safe,
            CapacityReleases = releases,
        };
    }
}
