using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace FastProcedures.Statistics.Eurostat;

public enum Frequency { Monthly, Quarterly }

/// <summary>
/// A reference period of Reg. 862/2007: a calendar month (Art. 4(1)) or a calendar quarter (Art. 4(2), 7), in the
/// reporting country's time zone. Written as SDMX writes it: <c>2026-10</c>, <c>2026-Q4</c>.
/// </summary>
public sealed partial record ReferencePeriod(Frequency Frequency, int Year, int Number)
{
    public LocalDate Start => Frequency == Frequency.Monthly ? new LocalDate(Year, Number, 1) : new LocalDate(Year, Number * 3 - 2, 1);

    /// <summary>The first day after the period.</summary>
    public LocalDate End => Frequency == Frequency.Monthly ? Start.PlusMonths(1) : Start.PlusMonths(3);

    /// <summary>The last day of the period (the "end of the reference period" of Art. 4(1)(b)).</summary>
    public LocalDate LastDay => End.PlusDays(-1);

    public string FrequencyCode => Frequency == Frequency.Monthly ? "M" : "Q";

    public override string ToString() => Frequency == Frequency.Monthly
        ? $"{Year:D4}-{Number:D2}"
        : $"{Year:D4}-Q{Number}";

    public bool Contains(LocalDate date) => date >= Start && date < End;

    /// <summary>The months of this period, in order.</summary>
    public IReadOnlyList<ReferencePeriod> Months => Frequency == Frequency.Monthly
        ? [this]
        : [.. Enumerable.Range(0, 3).Select(i => new ReferencePeriod(Frequency.Monthly, Year, Number * 3 - 2 + i))];

    public static bool TryParse(string? text, out ReferencePeriod period)
    {
        period = null!;
        var match = Pattern().Match(text ?? "");
        if (!match.Success)
        {
            return false;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }
            period = new ReferencePeriod(Frequency.Monthly, year, month);
            return true;
        }
        period = new ReferencePeriod(Frequency.Quarterly, year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})-(?:(?<month>\d{2})|Q(?<quarter>[1-4]))$")]
    private static partial Regex Pattern();
}
