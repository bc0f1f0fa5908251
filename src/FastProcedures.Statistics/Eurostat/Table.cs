using System.Globalization;
using System.Text;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>One Eurostat table: its dataset code, the regulation point it answers, the metadata page that defines its
/// counting, its dimensions (Eurostat's codes) with the code each uses for its total.</summary>
public sealed record TableDefinition(
    string Dataset,
    string Title,
    string LegalBasis,
    string Metadata,
    Frequency Frequency,
    IReadOnlyList<(string Name, string TotalCode)> Dimensions,
    bool Rounded,
    string Unit = "PER",
    string? FileName = null)
{
    /// <summary>One CSV file per table, named by its dataset code.</summary>
    public string File => (FileName ?? Dataset) + ".csv";
}

/// <summary>One person in one reference period, with the codes each dimension counts them under (their own and
/// every aggregate it rolls into, e.g. Y14-17, Y_LT18 and TOTAL).</summary>
public sealed record Observation(ReferencePeriod Period, string Person, IReadOnlyList<IReadOnlyList<string>> Codes);

/// <summary>A cell: persons counted once each (Eurostat: a person is counted once per reference period and cell).</summary>
public sealed record Cell(ReferencePeriod Period, IReadOnlyList<string> Codes, int Value);

public sealed class Table
{
    private readonly Dictionary<string, Cell> _byKey;

    private Table(TableDefinition definition, string geo, IReadOnlyList<Cell> cells)
    {
        Definition = definition;
        Geo = geo;
        Cells = cells;
        _byKey = cells.ToDictionary(c => Key(c.Period, c.Codes), StringComparer.Ordinal);
    }

    public TableDefinition Definition { get; }

    public string Geo { get; }

    public IReadOnlyList<Cell> Cells { get; }

    /// <summary>The exact count of a cell (0 when nobody is in it); codes in the order of the dimensions.</summary>
    public int Value(ReferencePeriod period, params string[] codes)
    {
        if (codes.Length != Definition.Dimensions.Count)
        {
            throw new ArgumentException($"{Definition.Dataset} has {Definition.Dimensions.Count} dimensions: {string.Join(", ", Definition.Dimensions.Select(d => d.Name))}.");
        }
        return _byKey.TryGetValue(Key(period, codes), out var cell) ? cell.Value : 0;
    }

    /// <summary>The all-totals cell of a period.</summary>
    public int Total(ReferencePeriod period) => Value(period, [.. Definition.Dimensions.Select(d => d.TotalCode)]);

    /// <summary>Counts distinct persons per cell; every period gets its all-totals cell, zero included.</summary>
    public static Table Count(TableDefinition definition, string geo, IEnumerable<ReferencePeriod> periods, IEnumerable<Observation> observations)
    {
        var persons = new Dictionary<string, (ReferencePeriod Period, string[] Codes, HashSet<string> Persons)>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (observation.Codes.Count != definition.Dimensions.Count)
            {
                throw new InvalidOperationException($"{definition.Dataset}: an observation has {observation.Codes.Count} dimensions.");
            }
            foreach (var codes in Combinations(observation.Codes))
            {
                var key = Key(observation.Period, codes);
                if (!persons.TryGetValue(key, out var cell))
                {
                    persons[key] = cell = (observation.Period, codes, new HashSet<string>(StringComparer.Ordinal));
                }
                cell.Persons.Add(observation.Person);
            }
        }
        var cells = persons.Values.Select(c => new Cell(c.Period, c.Codes, c.Persons.Count)).ToList();
        var totals = definition.Dimensions.Select(d => d.TotalCode).ToArray();
        foreach (var period in periods)
        {
            if (!persons.ContainsKey(Key(period, totals)))
            {
                cells.Add(new Cell(period, totals, 0));
            }
        }
        cells.Sort((a, b) => string.CompareOrdinal(a.Period + "|" + string.Join('|', a.Codes), b.Period + "|" + string.Join('|', b.Codes)));
        return new Table(definition, geo, cells);
    }

    /// <summary>SDMX-CSV as Eurostat's dissemination writes it (DATAFLOW, freq, unit, dimensions, geo, TIME_PERIOD,
    /// OBS_VALUE): OBS_VALUE as Eurostat publishes it (rounded to 5 where it rounds); UNROUNDED the exact count, the
    /// figure the Member State transmits.</summary>
    public void WriteCsv(TextWriter writer)
    {
        var header = new List<string> { "DATAFLOW", "freq", "unit" };
        header.AddRange(Definition.Dimensions.Select(d => d.Name));
        header.AddRange(["geo", "TIME_PERIOD", "OBS_VALUE", "UNROUNDED"]);
        writer.Write(string.Join(',', header) + "\n");
        foreach (var cell in Cells)
        {
            var published = Definition.Rounded ? Codes.RoundToFive(cell.Value) : cell.Value;
            var row = new List<string> { $"ESTAT:{Definition.Dataset.ToUpperInvariant()}(1.0)", Definition.Frequency == Frequency.Monthly ? "M" : "Q", Definition.Unit };
            row.AddRange(cell.Codes);
            row.AddRange([Geo, cell.Period.ToString(), published.ToString(CultureInfo.InvariantCulture), cell.Value.ToString(CultureInfo.InvariantCulture)]);
            writer.Write(string.Join(',', row) + "\n");
        }
    }

    public string ToCsv()
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder, CultureInfo.InvariantCulture);
        WriteCsv(writer);
        return builder.ToString();
    }

    private static string Key(ReferencePeriod period, IReadOnlyList<string> codes) => period + "|" + string.Join('|', codes);

    private static IEnumerable<string[]> Combinations(IReadOnlyList<IReadOnlyList<string>> codes)
    {
        IEnumerable<string[]> result = [[]];
        foreach (var dimension in codes)
        {
            var distinct = dimension.Distinct(StringComparer.Ordinal).ToList();
            result = result.SelectMany(prefix => distinct.Select(code => (string[])[.. prefix, code]));
        }
        return result;
    }
}
