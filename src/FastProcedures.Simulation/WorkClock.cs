using FastProcedures.Workflows.Clock;
using NodaTime;

namespace FastProcedures.Simulation;

/// <summary>Staff time: working days of the country calendar (Reg. 1182/71 Art. 2(2)), from 08:00 local time for the
/// scenario's hours per day. A task of N working hours ends N hours of office time after it starts.</summary>
public sealed class WorkClock(CountryCalendar calendar, double hoursPerDay)
{
    private static readonly LocalTime Opens = new(8, 0);

    public DateTimeOffset Add(DateTimeOffset from, double hours)
    {
        var local = Instant.FromDateTimeOffset(from).InZone(calendar.Zone).LocalDateTime;
        var remaining = hours;
        while (true)
        {
            var day = local.Date;
            var open = day + Opens;
            var close = open.PlusMinutes((long)(hoursPerDay * 60));
            if (!calendar.IsWorkingDay(DateOnly.FromDateTime(day.ToDateTimeUnspecified())) || local >= close)
            {
                local = day.PlusDays(1) + Opens;
                continue;
            }
            if (local < open)
            {
                local = open;
            }
            var available = Period.Between(local, close, PeriodUnits.Minutes).Minutes / 60.0;
            if (remaining <= available)
            {
                return calendar.Zone.AtLeniently(local.PlusMinutes((long)Math.Ceiling(remaining * 60))).ToDateTimeOffset();
            }
            remaining -= available;
            local = day.PlusDays(1) + Opens;
        }
    }

    /// <summary>The start of the next working day after <paramref name="from"/>'s day (for steps done "the next
    /// working day").</summary>
    public DateTimeOffset NextWorkingDay(DateTimeOffset from)
    {
        var day = Instant.FromDateTimeOffset(from).InZone(calendar.Zone).Date.PlusDays(1);
        while (!calendar.IsWorkingDay(DateOnly.FromDateTime(day.ToDateTimeUnspecified())))
        {
            day = day.PlusDays(1);
        }
        return calendar.Zone.AtLeniently(day + Opens).ToDateTimeOffset();
    }

    public DateOnly LocalDate(DateTimeOffset at) =>
        DateOnly.FromDateTime(Instant.FromDateTimeOffset(at).InZone(calendar.Zone).Date.ToDateTimeUnspecified());

    public DateTimeOffset StartOf(DateOnly date) =>
        calendar.Zone.AtStartOfDay(NodaTime.LocalDate.FromDateTime(date.ToDateTime(TimeOnly.MinValue))).ToDateTimeOffset();
}
