using System.Globalization;
using NodaTime;

namespace FastProcedures.Workflows.Clock;

/// <summary>
/// Computes when a period expires as Regulation (EEC, Euratom) No 1182/71 Art. 3 counts it, in a country's calendar
/// and time zone, and records every step so the deadline can explain itself. Pure: the calendar is data.
/// </summary>
public static class LegalClock
{
    /// <param name="shiftLastDay">False for maxima of deprivation of liberty (legal-timelines §5): the period ends at
    /// the expiry of its last day; Art. 3(4) and 3(5), which lengthen a period, are not applied.</param>
    public static Deadline Expiry(DateTimeOffset from, LegalPeriod period, CountryCalendar calendar, bool shiftLastDay = true)
    {
        var steps = new List<DeadlineStep>();
        var zone = calendar.Zone;
        var start = Instant.FromDateTimeOffset(from).InZone(zone);

        if (period.IsHours)
        {
            // Art. 3(1): the hour in which the event happens is not counted; Art. 3(2)(a): the period starts at the
            // beginning of the next hour and ends with the expiry of its last hour. Art. 3(4) does not apply to hours.
            var startHour = Instant.FromUnixTimeTicks(start.ToInstant().ToUnixTimeTicks() / NodaConstants.TicksPerHour
                * NodaConstants.TicksPerHour).Plus(Duration.FromHours(1));
            var end = startHour.Plus(Duration.FromHours(period.Hours));
            steps.Add(new("Art. 3(1)", $"Event at {Format(start)}; that hour is not counted: the period starts at {Format(startHour.InZone(zone))}."));
            steps.Add(new("Art. 3(2)(a)", $"{period.Describe()} end with the expiry of the last hour: {Format(end.InZone(zone))}."));
            return new Deadline(end.InZone(zone).ToDateTimeOffset(), null, steps, calendar.Country, calendar.Version, calendar.Sha256);
        }

        var eventDay = start.Date;
        var firstDay = eventDay.PlusDays(1);
        steps.Add(new("Art. 3(1)", $"Event on {eventDay:yyyy-MM-dd} ({calendar.TimeZoneId}); that day is not counted: the period starts on {firstDay:yyyy-MM-dd}."));

        LocalDate lastDay;
        if (period.WorkingDays)
        {
            // Art. 3(3): working days are counted only where the act expressly says so.
            var days = period.Days + 5 * period.Weeks;
            lastDay = eventDay;
            for (var counted = 0; counted < days;)
            {
                lastDay = lastDay.PlusDays(1);
                if (calendar.IsWorkingDay(ToDateOnly(lastDay)))
                {
                    counted++;
                }
            }
            steps.Add(new("Art. 3(3)", $"{period.Describe()}, counting only working days, end on {lastDay:yyyy-MM-dd}."));
        }
        else
        {
            lastDay = eventDay.PlusYears(period.Years).PlusMonths(period.Months);
            var monthsPart = period.Years > 0 || period.Months > 0;
            var intended = monthsPart ? (eventDay.Day, lastDay.Day) : (0, 0);
            lastDay = lastDay.PlusWeeks(period.Weeks).PlusDays(period.Days);
            if (period.Days > 0 && !monthsPart && period.Weeks == 0)
            {
                steps.Add(new("Art. 3(2)(b)", $"{period.Describe()} end with the expiry of the last day, {lastDay:yyyy-MM-dd}."));
            }
            else if (monthsPart && intended.Item1 != intended.Item2)
            {
                steps.Add(new("Art. 3(2)(c)", $"{period.Describe()}: the date {intended.Item1} does not exist in that month, so the period ends on its last day, {lastDay:yyyy-MM-dd}."));
            }
            else
            {
                steps.Add(new("Art. 3(2)(c)", $"{period.Describe()} end on the same {(monthsPart ? "date" : "weekday")} as the event day, {lastDay:yyyy-MM-dd}{(period.Days > 0 ? $" (with {period.Days} day(s) more)" : "")}."));
            }
        }

        if (!shiftLastDay && calendar.WhyNotWorking(ToDateOnly(lastDay)) is { } notWorking)
        {
            steps.Add(new("Art. 3(4)", $"{lastDay:yyyy-MM-dd} is {notWorking}, but this period is a maximum of deprivation of liberty: it is not moved to the following working day."));
        }
        // Art. 3(4): a last day on a public holiday, Sunday or Saturday moves to the following working day.
        while (shiftLastDay && calendar.WhyNotWorking(ToDateOnly(lastDay)) is { } reason)
        {
            var next = lastDay.PlusDays(1);
            steps.Add(new("Art. 3(4)", $"{lastDay:yyyy-MM-dd} is {reason}: the period ends with the following working day."));
            lastDay = next;
        }

        // Art. 3(5): a period of two days or more includes at least two working days.
        if (shiftLastDay && (period.Days >= 2 || period.Weeks + period.Months + period.Years > 0))
        {
            while (WorkingDaysBetween(calendar, firstDay, lastDay, atMost: 2) < 2)
            {
                var extended = lastDay.PlusDays(1);
                while (!calendar.IsWorkingDay(ToDateOnly(extended)))
                {
                    extended = extended.PlusDays(1);
                }
                steps.Add(new("Art. 3(5)", $"From {firstDay:yyyy-MM-dd} to {lastDay:yyyy-MM-dd} there are fewer than two working days: the period is extended to {extended:yyyy-MM-dd}."));
                lastDay = extended;
            }
        }

        var expires = zone.AtStartOfDay(lastDay.PlusDays(1));
        steps.Add(new("Art. 3(2)(b)", $"The period expires at the end of {lastDay:yyyy-MM-dd}: {Format(expires)}."));
        return new Deadline(expires.ToDateTimeOffset(), ToDateOnly(lastDay), steps, calendar.Country, calendar.Version, calendar.Sha256);
    }

    /// <summary>An instant a period before another (when a warning falls due); plain calendar arithmetic in the
    /// country's zone, without the Art. 3(4) shifts, which concern only the ends of legal periods.</summary>
    public static DateTimeOffset Before(DateTimeOffset instant, LegalPeriod period, CountryCalendar calendar)
    {
        if (period.IsHours)
        {
            return instant.AddHours(-period.Hours);
        }
        var local = Instant.FromDateTimeOffset(instant).InZone(calendar.Zone).LocalDateTime;
        var earlier = local.PlusYears(-period.Years).PlusMonths(-period.Months).PlusWeeks(-period.Weeks).PlusDays(-period.Days);
        return calendar.Zone.AtLeniently(earlier).ToDateTimeOffset();
    }

    /// <summary>An instant a period after another (e.g. the end of 72 hours held at the border, Screening Reg. Art.
    /// 8(3)): plain arithmetic in the country's zone, the start of a period rather than the end of one.</summary>
    public static DateTimeOffset After(DateTimeOffset instant, LegalPeriod period, CountryCalendar calendar)
    {
        if (period.IsHours)
        {
            return instant.AddHours(period.Hours);
        }
        var local = Instant.FromDateTimeOffset(instant).InZone(calendar.Zone).LocalDateTime;
        var later = local.PlusYears(period.Years).PlusMonths(period.Months).PlusWeeks(period.Weeks).PlusDays(period.Days);
        return calendar.Zone.AtLeniently(later).ToDateTimeOffset();
    }

    /// <summary>Working days from first to last, counted up to <paramref name="atMost"/> (the Art. 3(5) test needs
    /// two, not the whole count of a twelve-week period).</summary>
    private static int WorkingDaysBetween(CountryCalendar calendar, LocalDate first, LocalDate last, int atMost)
    {
        var count = 0;
        for (var day = first; day <= last && count < atMost; day = day.PlusDays(1))
        {
            if (calendar.IsWorkingDay(ToDateOnly(day)))
            {
                count++;
            }
        }
        return count;
    }

    private static DateOnly ToDateOnly(LocalDate date) => new(date.Year, date.Month, date.Day);

    private static string Format(ZonedDateTime time) =>
        time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
