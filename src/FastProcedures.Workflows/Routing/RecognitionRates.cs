using System.Text.Json.Nodes;
using FastProcedures.Workflows.Data;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Routing;

/// <summary>EU-wide first-instance recognition rate per nationality (ISO 3166-1 alpha-3), in percent, from Eurostat
/// (APR Art. 42(1)(j)). Data kept in <c>workflows/data/recognition-rates.yaml</c>, updated without code.</summary>
public sealed record RecognitionRates(int Version, string Source, string ReferencePeriod, IReadOnlyDictionary<string, decimal> Rates)
{
    public const string FileName = "recognition-rates.yaml";

    public decimal? RateOf(string nationality) =>
        Rates.TryGetValue(nationality.ToUpperInvariant(), out var rate) ? rate : null;

    public static RecognitionRates? Load(DefinitionSource file, List<Diagnostic> errors)
    {
        if (DataFile.Load(file, FileName, errors) is not { } loaded)
        {
            return null;
        }
        var root = loaded.Root;
        var rates = ((JsonObject)root["rates"]!).ToDictionary(p => p.Key, p => DataFile.Number(p.Value!), StringComparer.Ordinal);
        return new RecognitionRates((int)root["version"]!, (string)root["source"]!, (string)root["reference-period"]!, rates);
    }
}
