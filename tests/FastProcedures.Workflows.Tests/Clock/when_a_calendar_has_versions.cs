using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Workflows.Tests.Clock;

/// <summary>Calendars keep their versions (legal-timelines rev. 2 §6): a case counts with the version it recorded.</summary>
public sealed class when_a_calendar_has_versions
{
    private static readonly WorkflowRegistry Registry = WorkflowsFolder.Load(Calendars.WorkflowsDirectory);

    private static DateTimeOffset Expiry(CountryCalendar calendar, string from, string period) =>
        LegalClock.Expiry(DateTimeOffset.Parse(from), LegalPeriod.Parse(period), calendar).ExpiresAt;

    [Fact]
    public void the_bulgarian_days_off_decreed_for_31_december_2025_and_2_january_2026_move_a_last_day_to_5_january()
    {
        // Two days from Monday 29 December 2025 end on Wednesday 31 December, decreed off; 1 January is a holiday,
        // 2 January decreed off, then the weekend: the period ends with Monday 5 January (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T00:00:00+02:00"), Expiry(Registry.Calendar("BG"), "2025-12-29T10:00:00+02:00", "P2D"));
    }

    [Fact]
    public void a_case_pinned_to_version_1_counts_without_the_decreed_days()
    {
        var v1 = Registry.Calendar("BG", 1);

        Assert.Equal(1, v1.Version);
        Assert.NotEqual(Registry.Calendar("BG").Sha256, v1.Sha256);
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00+02:00"), Expiry(v1, "2025-12-29T10:00:00+02:00", "P2D"));
    }

    [Fact]
    public void decreed_days_off_that_are_not_public_holidays_are_kept_for_planning_only()
    {
        var current = Registry.Calendar("BG");
        var planningOnly = new CountryCalendar("BG", 99, current.TimeZoneId, "test", [], current.ExtraDaysOff,
            new Dictionary<DateOnly, string>(), current.Parameters) { DecreedDaysOffArePublicHolidays = false };

        Assert.True(current.IsPublicHoliday(new DateOnly(2025, 12, 31), out _));
        Assert.False(planningOnly.IsPublicHoliday(new DateOnly(2025, 12, 31), out _));
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00+02:00"), Expiry(planningOnly, "2025-12-29T10:00:00+02:00", "P2D"));
    }

    [Fact]
    public void an_unknown_version_falls_back_to_the_calendar_in_force() =>
        Assert.Equal(Registry.Calendar("RO").Sha256, Registry.Calendar("RO", 42).Sha256);
}
