using FastProcedures.Workflows.Clock;

namespace FastProcedures.Workflows.Tests.Clock;

/// <summary>Hand-worked dates for each rule of Reg. (EEC, Euratom) 1182/71 Art. 3.</summary>
public sealed class when_periods_are_counted_under_regulation_1182_71
{
    private static string Expiry(string country, string from, string period, bool workingDays = false) =>
        LegalClock.Expiry(DateTimeOffset.Parse(from), LegalPeriod.Parse(period, workingDays), Calendars.Of(country))
            .ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz");

    [Fact]
    public void the_day_of_the_event_is_not_counted_even_a_minute_before_midnight() =>
        Assert.Equal("2026-06-17T00:00:00+03:00", Expiry("BG", "2026-06-15T23:59:00+03:00", "P1D"));

    [Fact]
    public void a_period_in_days_ending_on_a_saturday_runs_to_the_end_of_monday() =>
        Assert.Equal("2026-03-10T00:00:00+02:00", Expiry("BG", "2026-03-02T10:00:00+02:00", "P5D"));

    [Fact]
    public void a_period_in_weeks_ends_on_the_same_weekday() =>
        Assert.Equal("2026-09-24T00:00:00+03:00", Expiry("BG", "2026-07-01T09:00:00+03:00", "P12W"));

    [Fact]
    public void a_month_from_the_31st_ends_on_the_last_day_of_a_shorter_month_then_moves_past_the_weekend() =>
        Assert.Equal("2026-03-03T00:00:00+02:00", Expiry("RO", "2026-01-31T10:00:00+02:00", "P1M"));

    [Fact]
    public void a_month_from_the_31st_of_january_in_a_leap_year_ends_on_29_february() =>
        Assert.Equal("2024-03-01T00:00:00+02:00", Expiry("RO", "2024-01-31T10:00:00+02:00", "P1M"));

    [Fact]
    public void a_year_from_29_february_ends_on_28_february() =>
        Assert.Equal("2025-03-01T00:00:00+02:00", Expiry("RO", "2024-02-29T10:00:00+02:00", "P1Y"));

    [Theory]
    [InlineData("BG")]
    [InlineData("RO")]
    public void a_period_ending_on_orthodox_good_friday_runs_past_easter_monday(string country) =>
        Assert.Equal("2026-04-15T00:00:00+03:00", Expiry(country, "2026-04-08T10:00:00+03:00", "P2D"));

    [Fact]
    public void christmas_on_a_weekend_gives_bulgaria_two_more_days_off() =>
        Assert.Equal("2022-12-30T00:00:00+02:00", Expiry("BG", "2022-12-20T10:00:00+02:00", "P4D"));

    [Fact]
    public void romania_has_no_weekend_shift_for_christmas() =>
        Assert.Equal("2022-12-28T00:00:00+02:00", Expiry("RO", "2022-12-20T10:00:00+02:00", "P4D"));

    [Fact]
    public void a_bulgarian_holiday_on_a_sunday_makes_monday_a_day_off() =>
        Assert.Equal("2026-05-27T00:00:00+03:00", Expiry("BG", "2026-05-21T10:00:00+03:00", "P4D"));

    [Fact]
    public void a_period_of_two_days_includes_at_least_two_working_days() =>
        // 30 Nov and 1 Dec are Romanian holidays: Art. 3(4) moves the end to 2 Dec, Art. 3(5) to 3 Dec.
        Assert.Equal("2026-12-04T00:00:00+02:00", Expiry("RO", "2026-11-29T10:00:00+02:00", "P2D"));

    [Fact]
    public void a_one_day_period_is_not_lengthened_by_the_two_working_days_rule() =>
        Assert.Equal("2026-05-05T00:00:00+03:00", Expiry("BG", "2026-04-30T10:00:00+03:00", "P1D"));

    [Fact]
    public void working_days_skip_the_christmas_holidays_and_their_shifted_day_off() =>
        Assert.Equal("2026-12-31T00:00:00+02:00", Expiry("BG", "2026-12-22T10:00:00+02:00", "P3D", workingDays: true));

    [Fact]
    public void hours_start_at_the_next_full_hour_and_span_the_spring_dst_change() =>
        Assert.Equal("2026-03-31T01:00:00+03:00", Expiry("RO", "2026-03-27T23:30:00+02:00", "PT72H"));

    [Fact]
    public void hours_span_the_autumn_dst_change_as_real_hours() =>
        Assert.Equal("2026-10-25T23:00:00+02:00", Expiry("BG", "2026-10-24T23:10:00+03:00", "PT24H"));

    [Fact]
    public void hours_ending_on_a_sunday_are_not_moved_to_monday() =>
        Assert.Equal("2026-03-08T11:00:00+02:00", Expiry("BG", "2026-03-06T10:05:00+02:00", "PT48H"));

    [Fact]
    public void a_period_ending_on_the_dst_sunday_expires_at_local_midnight_in_winter_time() =>
        Assert.Equal("2026-10-27T00:00:00+02:00", Expiry("BG", "2026-10-20T10:00:00+03:00", "P5D"));

    [Fact]
    public void the_deadline_explains_each_shift_and_names_its_calendar()
    {
        var deadline = LegalClock.Expiry(DateTimeOffset.Parse("2022-12-20T10:00:00+02:00"), LegalPeriod.Parse("P4D"), Calendars.BG);

        Assert.Equal(
            ["Art. 3(1)", "Art. 3(2)(b)", "Art. 3(4)", "Art. 3(4)", "Art. 3(4)", "Art. 3(4)", "Art. 3(4)", "Art. 3(2)(b)"],
            deadline.Steps.Select(s => s.Rule));
        Assert.Contains("Christmas Eve", deadline.Steps[2].Text);
        Assert.Contains("day off for Christmas Day on a Sunday", deadline.Steps[6].Text);
        Assert.Equal(new DateOnly(2022, 12, 29), deadline.LastDay);
        Assert.Equal(("BG", Calendars.BG.Version), (deadline.Country, deadline.CalendarVersion));
        Assert.Equal(Calendars.BG.Sha256, deadline.CalendarSha256);
    }

    [Fact]
    public void a_warning_a_week_before_is_plain_calendar_arithmetic()
    {
        var warning = LegalClock.Before(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), LegalPeriod.Parse("P7D"), Calendars.BG);
        Assert.Equal(DateTimeOffset.Parse("2026-09-17T00:00:00+03:00"), warning);
    }

    [Theory]
    [InlineData(2024, "2024-05-05")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-12")]
    [InlineData(2027, "2027-05-02")]
    [InlineData(2035, "2035-04-29")]
    public void orthodox_easter_falls_on_the_known_sunday(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), OrthodoxEaster.Sunday(year));

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P0D")]
    [InlineData("5D")]
    [InlineData("P1DT2H")]
    [InlineData("P1.5D")]
    public void a_malformed_period_is_refused_with_a_reason(string text)
    {
        Assert.False(LegalPeriod.TryParse(text, false, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void months_cannot_be_counted_in_working_days() =>
        Assert.False(LegalPeriod.TryParse("P1M", true, out _, out _));
}
