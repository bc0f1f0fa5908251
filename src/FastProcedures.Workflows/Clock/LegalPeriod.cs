using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace FastProcedures.Workflows.Clock;

/// <summary>
/// A time limit as the law states it: an ISO 8601 duration in hours, or in years, months, weeks and days (no
/// mixing of the two), counted in calendar days or — where the act expressly says so — in working days.
/// </summary>
public sealed partial record LegalPeriod
{
    private LegalPeriod(int years, int months, int weeks, int days, int hours, bool workingDays)
    {
        Years = years;
        Months = months;
        Weeks = weeks;
        Days = days;
        Hours = hours;
        WorkingDays = workingDays;
    }

    public int Years { get; }
    public int Months { get; }
    public int Weeks { get; }
    public int Days { get; }
    public int Hours { get; }

    /// <summary>Reg. 1182/71 Art. 3(3): only when the act expressly names working days.</summary>
    public bool WorkingDays { get; }

    public bool IsHours => Hours > 0;

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<m>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?<h>\d{1,6})H)?$")]
    private static partial Regex Iso8601();

    public static bool TryParse(string? text, bool workingDays, out LegalPeriod period, out string error)
    {
        period = null!;
        var match = text is null ? Match.Empty : Iso8601().Match(text.Trim());
        if (!match.Success || text!.Trim() is "P" or "PT")
        {
            error = $"'{text}' is not an ISO 8601 period such as PT72H, P5D, P12W, P2M or P1Y";
            return false;
        }
        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var (y, m, w, d, h) = (Part("y"), Part("m"), Part("w"), Part("d"), Part("h"));
        if (y + m + w + d + h == 0)
        {
            error = $"'{text}' is a period of zero length";
            return false;
        }
        if (h > 0 && y + m + w + d > 0)
        {
            error = $"'{text}' mixes hours with days, weeks or months; Reg. 1182/71 counts them differently";
            return false;
        }
        if (workingDays && (h > 0 || y > 0 || m > 0))
        {
            error = $"'{text}' cannot be counted in working days: give it in days (or weeks)";
            return false;
        }
        period = new LegalPeriod(y, m, w, d, h, workingDays);
        error = "";
        return true;
    }

    public static LegalPeriod Parse(string text, bool workingDays = false) =>
        TryParse(text, workingDays, out var period, out var error) ? period : throw new FormatException(error);

    /// <summary>The period lengthened by another (an extension "by"); both must be of the same kind.</summary>
    public LegalPeriod Plus(LegalPeriod other)
    {
        if (IsHours != other.IsHours || WorkingDays != other.WorkingDays)
        {
            throw new InvalidOperationException($"Cannot add {other} to {this}: different kinds of period.");
        }
        return new LegalPeriod(Years + other.Years, Months + other.Months, Weeks + other.Weeks, Days + other.Days,
            Hours + other.Hours, WorkingDays);
    }

    /// <summary>The same period plus whole calendar days (a suspension's length added back).</summary>
    public LegalPeriod PlusDays(int days) => new(Years, Months, Weeks, Days + days, Hours, WorkingDays);

    /// <summary>Length in days from a fixed reference date, for ordering periods ("is this extension within its
    /// maximum"); exact for days and weeks, a fair comparison for months.</summary>
    public double ComparableLength
    {
        get
        {
            var reference = new LocalDate(2001, 1, 1);
            var end = reference.PlusYears(Years).PlusMonths(Months).PlusWeeks(Weeks).PlusDays(Days);
            return Period.Between(reference, end, PeriodUnits.Days).Days + Hours / 24.0;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder("P");
        if (Years > 0) text.Append(Years).Append('Y');
        if (Months > 0) text.Append(Months).Append('M');
        if (Weeks > 0) text.Append(Weeks).Append('W');
        if (Days > 0) text.Append(Days).Append('D');
        if (Hours > 0) text.Append('T').Append(Hours).Append('H');
        return text.ToString();
    }

    /// <summary>Plain words for explanations: "12 weeks", "5 working days".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        void Add(int n, string unit)
        {
            if (n > 0) parts.Add($"{n} {unit}{(n == 1 ? "" : "s")}");
        }
        Add(Years, "year");
        Add(Months, "month");
        Add(Weeks, "week");
        Add(Days, WorkingDays ? "working day" : "day");
        Add(Hours, "hour");
        return string.Join(" and ", parts);
    }
}
