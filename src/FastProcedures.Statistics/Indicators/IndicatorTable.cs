using System.Globalization;
using System.Text;
using FastProcedures.Statistics.Eurostat;

namespace FastProcedures.Statistics.Indicators;

/// <summary>One indicator value for one citizenship (Eurostat's codes, TOTAL for all) and reference period.</summary>
public sealed record IndicatorValue(string Indicator, string Citizen, ReferencePeriod Period, decimal Value);

/// <summary>A set of operational indicators written as one CSV (indicator, citizen, geo, TIME_PERIOD, value), not
/// rounded: these feed agencies' operational monitoring, not publication.</summary>
public sealed record IndicatorTable(string File, string Title, string Source, string Geo, IReadOnlyList<IndicatorValue> Values)
{
    public decimal Value(string indicator, ReferencePeriod period, string citizen = Codes.Total) =>
        Values.FirstOrDefault(v => v.Indicator == indicator && v.Period == period && v.Citizen == citizen)?.Value ?? 0;

    public string ToCsv()
    {
        var csv = new StringBuilder("indicator,citizen,geo,TIME_PERIOD,value\n");
        foreach (var v in Values.OrderBy(v => v.Period.ToString(), StringComparer.Ordinal)
                     .ThenBy(v => v.Indicator, StringComparer.Ordinal).ThenBy(v => v.Citizen, StringComparer.Ordinal))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{v.Indicator},{v.Citizen},{Geo},{v.Period},{v.Value}\n");
        }
        return csv.ToString();
    }

    /// <summary>Counts items per indicator, citizenship (and TOTAL) and period; TOTAL rows are written even when zero.</summary>
    public static List<IndicatorValue> Count(
        IEnumerable<ReferencePeriod> periods, IEnumerable<string> indicators, IEnumerable<(string Indicator, string Citizen, ReferencePeriod Period)> items)
    {
        var counts = items
            .SelectMany(i => new[] { i, (i.Indicator, Codes.Total, i.Period) })
            .GroupBy(i => i)
            .ToDictionary(g => g.Key, g => (decimal)g.Count());
        foreach (var period in periods)
        {
            foreach (var indicator in indicators)
            {
                counts.TryAdd((indicator, Codes.Total, period), 0);
            }
        }
        return counts.Select(c => new IndicatorValue(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value)).ToList();
    }
}
