using System.Text.Json.Nodes;
using FastProcedures.Workflows.Data;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Removal;

/// <summary>Escorts a country's return unit can field on one removal day, in force from a date (until the next entry).</summary>
public sealed record EscortCapacity(string Country, DateOnly From, int EscortsPerDay, string Source);

/// <summary>
/// The escort capacity of each country's removal unit, dated, in <c>workflows/data/removal-capacity.yaml</c>
/// (schema <c>removal-capacity.schema.json</c>): the removal planner flags the days that need more escorts than the
/// entry in force. Escorted removals follow RD Art. 8(4)-(5); the numbers are each Member State's planning data.
/// </summary>
public sealed class RemovalCapacity(int version, IReadOnlyList<EscortCapacity> entries)
{
    public const string FileName = "removal-capacity.yaml";

    public static readonly RemovalCapacity None = new(0, []);

    public int Version { get; } = version;

    public IReadOnlyList<EscortCapacity> All { get; } = entries;

    /// <summary>The entry in force in <paramref name="country"/> on <paramref name="day"/>, null when none is recorded.</summary>
    public EscortCapacity? On(string country, DateOnly day) =>
        All.Where(e => e.Country == country && e.From <= day).MaxBy(e => e.From);

    public static RemovalCapacity? Load(DefinitionSource file, List<Diagnostic> errors)
    {
        if (DataFile.Load(file, FileName, errors) is not { } loaded)
        {
            return null;
        }
        var (source, root) = loaded;
        var before = errors.Count;
        var entries = new List<EscortCapacity>();
        foreach (var (country, list) in (JsonObject)root["countries"]!)
        {
            var items = (JsonArray)list!;
            DateOnly? previous = null;
            for (var i = 0; i < items.Count; i++)
            {
                var node = (JsonObject)items[i]!;
                var at = $"/countries/{country}/{i}";
                if (DataFile.Date(source, at + "/from", node["from"], errors) is not { } from)
                {
                    continue;
                }
                if (previous is { } last && from <= last)
                {
                    errors.Add(source.At(at + "/from", $"{country}: entries must be in date order ({from:yyyy-MM-dd} is not after {last:yyyy-MM-dd})"));
                }
                previous = from;
                entries.Add(new EscortCapacity(country, from, (int)node["escorts-per-day"]!, (string)node["source"]!));
            }
        }
        return errors.Count > before ? null : new RemovalCapacity((int)root["version"]!, entries);
    }
}
