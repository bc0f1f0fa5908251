using FastProcedures.Workflows.Tests.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

/// <summary>The timer settings of legal-timelines revision 2: counts-from, deducts-days, stops-when, shift-last-day.</summary>
public sealed class when_a_timer_counts_from_another_instant
{
    private static Run Started(string at = "2026-07-01T10:00:00+03:00")
    {
        var run = new Run(Fixture.Valid("counting-settings.yaml"));
        run.Start(at);
        return run;
    }

    [Fact]
    public void an_appeal_window_counts_from_the_notification_the_event_carries_not_from_when_it_was_recorded()
    {
        var run = Started();

        var started = Assert.Single(run.On("Notified", "2026-07-10T09:00:00+03:00", ("notified_at", "2026-07-08T15:00:00+03:00"))
            .OfType<TimerStarted>());

        Assert.Equal(DateTimeOffset.Parse("2026-07-08T15:00:00+03:00"), started.StartedAt);
        // 7 days from Wednesday 8 July: Wednesday 15 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-16T00:00:00+03:00"), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void without_the_instant_the_period_counts_from_the_event_itself()
    {
        var run = Started();

        var started = Assert.Single(run.On("Notified", "2026-07-10T09:00:00+03:00").OfType<TimerStarted>());

        Assert.Equal(DateTimeOffset.Parse("2026-07-10T09:00:00+03:00"), started.StartedAt);
    }

    [Fact]
    public void a_period_after_an_instant_starts_when_that_period_has_run()
    {
        var run = Started();

        var started = Assert.Single(run.On("Apprehended", "2026-07-05T12:00:00+03:00", ("apprehended_at", "2026-07-01T08:30:00+03:00"))
            .OfType<TimerStarted>());

        // Apprehended Wednesday 1 July 08:30; 72 hours later Saturday 4 July 08:30; 4 days from then: Wednesday 8 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-04T08:30:00+03:00"), started.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-07-09T00:00:00+03:00"), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_timer_counted_from_another_timers_start_ends_with_it()
    {
        var run = Started();

        var detention = Assert.Single(run.On("Detained", "2026-08-01T10:00:00+03:00").OfType<TimerStarted>(), t => t.Timer == "detention");

        Assert.Equal(run.State.Timers["procedure"].ExpiresAt, detention.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_guarded_stop_ignores_the_event_when_its_guard_does_not_hold()
    {
        var run = Started();
        run.On("Notified", "2026-07-08T15:00:00+03:00");

        Assert.Empty(run.On("AppealLodged", "2026-07-09T10:00:00+03:00", ("against", "transfer-decision")).OfType<TimerStopped>());
        Assert.Empty(run.On("AppealLodged", "2026-07-09T10:00:00+03:00").OfType<TimerStopped>());
        Assert.Single(run.On("AppealLodged", "2026-07-09T11:00:00+03:00", ("against", "asylum-decision")).OfType<TimerStopped>());
    }

    [Fact]
    public void days_already_served_are_deducted_and_a_release_stops_the_clock_until_the_next_order()
    {
        var run = Started();

        var first = Assert.Single(run.On("Detained", "2026-07-01T10:00:00+03:00", ("days_served", 30)).OfType<TimerStarted>(),
            t => t.Timer == "detention-maximum");
        // 30 days served before: counted from Monday 1 June; 6 months: Tuesday 1 December, not shifted.
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T00:00:00+02:00"), first.Schedule.ExpiresAt);

        run.On("Released", "2026-07-10T10:00:00+03:00");
        var resumed = Assert.Single(run.On("Detained", "2026-07-20T10:00:00+03:00").OfType<TimerResumed>(), t => t.Timer == "detention-maximum");

        Assert.Equal(10, resumed.SuspendedDays);
        Assert.Equal(DateTimeOffset.Parse("2026-12-12T00:00:00+02:00"), resumed.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_maximum_of_deprivation_of_liberty_ends_on_its_last_day_even_on_a_weekend()
    {
        var run = Started();

        // Friday 2 April 2027 + 6 months = Saturday 2 October 2027: no move to Monday (legal-timelines §5).
        var started = Assert.Single(run.On("Detained", "2027-04-02T10:00:00+03:00").OfType<TimerStarted>(), t => t.Timer == "detention-maximum");

        Assert.Equal(DateTimeOffset.Parse("2027-10-03T00:00:00+03:00"), started.Schedule.ExpiresAt);
        Assert.Contains(started.Schedule.Explanation, s => s.Rule == "Art. 3(4)" && s.Text.Contains("not moved"));
    }
}

public sealed class when_counting_settings_are_broken
{
    [Fact]
    public void a_guarded_stop_on_an_event_not_in_stops_on_and_a_count_from_an_unknown_timer_are_reported_where_written()
    {
        var (definition, errors) = Fixture.Load("counting-settings-broken.yaml");

        Assert.Null(definition);
        Assert.Contains(errors, e => e.Message == "timer 'window' has stops-when for AppealLodged, which is not in its stops-on");
        Assert.Contains(errors, e => e.Message == "timer 'detention' counts from the start of 'procedure', which is no other timer of this definition");
    }
}
