using System.Collections.Concurrent;
using NodaTime;

namespace FastProcedures.Workflows.Clock;

/// <summary>A holiday rule of a country calendar: a fixed date or a day relative to Orthodox Easter.</summary>
public sealed record HolidayRule(string Name, int? Month, int? Day, int? EasterOffset, bool WeekendShift, int? FromYear, int? UntilYear)
{
    public DateOnly? DateIn(int year)
    {
        if (year < (FromYear ?? int.MinValue) || year > (UntilYear ?? int.MaxValue))
        {
            return null;
        }
        return EasterOffset is { } offset
            ? OrthodoxEaster.Sunday(year).AddDays(offset)
            : new DateOnly(year, Month!.Value, Day!.Value);
    }
}

/// <summary>
/// The public holidays of one Member State (Reg. 1182/71 Art. 2(1)) as data — fixed dates, Orthodox-Easter-relative
/// feasts, a weekend-shift rule, days decreed off — with its time zone, its national choices (<see cref="Parameters"/>)
/// and its identity (version, SHA-256), so a deadline names the calendar it was computed with. Immutable.
/// </summary>
public sealed class CountryCalendar
{
    private readonly IReadOnlyList<HolidayRule> _rules;
    private readonly IReadOnlyDictionary<DateOnly, string> _extraDaysOff;
    private readonly IReadOnlyDictionary<DateOnly, string> _extraWorkingDays;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> _years = new();

    /// <summary>Where each parameter stands in the calendar file, for errors found later (its legal range).</summary>
    internal IReadOnlyDictionary<string, Yaml.Diagnostic> ParameterSources { get; init; } = new Dictionary<string, Yaml.Diagnostic>();

    public CountryCalendar(
        string country, int version, string timeZoneId, string sha256, IReadOnlyList<HolidayRule> rules,
        IReadOnlyDictionary<DateOnly, string> extraDaysOff, IReadOnlyDictionary<DateOnly, string> extraWorkingDays,
        IReadOnlyDictionary<string, string> parameters)
    {
        Country = country;
        Version = version;
        TimeZoneId = timeZoneId;
        Zone = DateTimeZoneProviders.Tzdb[timeZoneId];
        Sha256 = sha256;
        _rules = rules;
        _extraDaysOff = extraDaysOff;
        _extraWorkingDays = extraWorkingDays;
        Parameters = parameters;
    }

    public string Country { get; }
    public int Version { get; }
    public string TimeZoneId { get; }
    public DateTimeZone Zone { get; }
    public string Sha256 { get; }

    /// <summary>National choices within legal ranges: parameter id -> ISO 8601 period.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Whether the days decreed off by government count as public holidays for Reg. 1182/71 Art. 2(1) and
    /// 3(4) (<c>decreed-days-off-are-public-holidays</c>); when false they are kept for planning only.</summary>
    public bool DecreedDaysOffArePublicHolidays { get; init; } = true;

    /// <summary>The days decreed off by government, with their reason.</summary>
    public IReadOnlyDictionary<DateOnly, string> ExtraDaysOff => _extraDaysOff;

    /// <summary>A public holiday or a day decreed off (with its name), as Reg. 1182/71 Art. 3(4) uses it.</summary>
    public bool IsPublicHoliday(DateOnly date, out string? name)
    {
        if (DecreedDaysOffArePublicHolidays && _extraDaysOff.TryGetValue(date, out name))
        {
            return true;
        }
        return HolidaysOf(date.Year).TryGetValue(date, out name);
    }

    /// <summary>Reg. 1182/71 Art. 2(2): every day other than public holidays, Sundays and Saturdays. A Saturday decreed
    /// a working day by national law remains a Saturday for legal periods.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date, out _);

    /// <summary>A working day under national law (decreed working Saturdays included): for planning, not for periods.</summary>
    public bool IsNationalWorkingDay(DateOnly date) => _extraWorkingDays.ContainsKey(date) || IsWorkingDay(date);

    /// <summary>Why a day is not a working day ("Saturday", "public holiday: Christmas Day"), or null.</summary>
    public string? WhyNotWorking(DateOnly date) =>
        IsPublicHoliday(date, out var name) ? $"a public holiday ({name})"
        : date.DayOfWeek is DayOfWeek.Saturday ? "a Saturday"
        : date.DayOfWeek is DayOfWeek.Sunday ? "a Sunday"
        : null;

    public IReadOnlyDictionary<DateOnly, string> HolidaysOf(int year) => _years.GetOrAdd(year, Compute);

    private IReadOnlyDictionary<DateOnly, string> Compute(int year)
    {
        // The previous year's December holidays can shift into this January.
        var days = new Dictionary<DateOnly, string>();
        foreach (var y in new[] { year - 1, year })
        {
            var baseDays = _rules
                .Select(rule => (Rule: rule, Date: rule.DateIn(y)))
                .Where(x => x.Date is not null)
                .Select(x => (x.Rule, Date: x.Date!.Value))
                .OrderBy(x => x.Date)
                .ToList();
            foreach (var (rule, date) in baseDays)
            {
                days.TryAdd(date, rule.Name);
            }
            // Weekend shift (e.g. BG Labour Code Art. 154(2)): in date order, each shifting holiday on a weekend makes
            // the next weekday that is not already off a day off.
            foreach (var (rule, date) in baseDays.Where(x => x.Rule.WeekendShift && IsWeekend(x.Date)))
            {
                var shifted = date.AddDays(1);
                while (IsWeekend(shifted) || days.ContainsKey(shifted))
                {
                    shifted = shifted.AddDays(1);
                }
                days[shifted] = $"day off for {rule.Name} on a {date.DayOfWeek}";
            }
        }
        return days.Where(d => d.Key.Year == year).ToDictionary(d => d.Key, d => d.Value);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
