using System.Text.Json;

namespace FastProcedures.Statistics.Reading;

/// <summary>
/// What the statistics read from the definitions' vocabulary: which procedures are accelerated (Reg. 862/2007
/// Art. 4(1)(e)), which screening vulnerability marks an unaccompanied minor (Art. 4(1)(g)), which routing grounds
/// name a subsequent application (Art. 4(1)(f)). Data (<c>statistical-mapping.json</c>), not literals in C#.
/// </summary>
public sealed record StatisticalMapping(
    IReadOnlyList<string> AcceleratedProcedures,
    IReadOnlyList<string> UnaccompaniedMinorVulnerabilities,
    IReadOnlyList<string> SubsequentApplicationGrounds)
{
    public static StatisticalMapping Default { get; } = Load();

    public bool IsAccelerated(string procedure) => AcceleratedProcedures.Contains(procedure, StringComparer.Ordinal);

    public bool MarksUnaccompaniedMinor(IEnumerable<string> vulnerabilities) =>
        vulnerabilities.Any(v => UnaccompaniedMinorVulnerabilities.Contains(v, StringComparer.OrdinalIgnoreCase));

    public bool NamesSubsequentApplication(string ground) =>
        SubsequentApplicationGrounds.Any(g => ground.Contains(g, StringComparison.OrdinalIgnoreCase));

    private static StatisticalMapping Load()
    {
        using var stream = typeof(StatisticalMapping).Assembly.GetManifestResourceStream("statistical-mapping.json")
            ?? throw new InvalidOperationException("statistical-mapping.json is not embedded.");
        return JsonSerializer.Deserialize<StatisticalMapping>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("statistical-mapping.json is empty.");
    }
}
