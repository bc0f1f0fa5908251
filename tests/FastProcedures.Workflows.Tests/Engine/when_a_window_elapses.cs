using FastProcedures.Workflows.Tests.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

/// <summary>
/// A window (<c>kind: window</c>) is a period granted to the person — the applicant's time to appeal (APR Art. 67(7)),
/// to lodge (APR Art. 28), the returnee's time to depart (RD Art. 7(1)) — not a limit on the authority: running out
/// unused it elapses, its <c>on-elapsed</c> actions follow, and nothing is breached.
/// </summary>
public sealed class when_a_window_elapses
{
    private static Run Decided()
    {
        var run = new Run(Fixture.Valid("window.yaml"));
        run.Start("2026-03-02T10:00:00+02:00");
        run.On("DecisionIssued", "2026-03-05T10:00:00+02:00");
        return run;
    }

    [Fact]
    public void it_elapses_and_is_never_breached()
    {
        var run = Decided();

        // Seven days from Thursday 5 March: the window ends with Thursday 12 March.
        var effects = run.Tick("2026-03-13T00:00:00+02:00");

        Assert.DoesNotContain(effects, e => e is TimerBreached);
        Assert.Equal(new TimerElapsed("appeal-window", 1, DateTimeOffset.Parse("2026-03-13T00:00:00+02:00"), "Test Regulation Art. 3"),
            effects.OfType<TimerElapsed>().Single());
        Assert.Equal(TimerStatus.Elapsed, run.State.Timers["appeal-window"].Status);
        Assert.False(run.State.Timers["appeal-window"].IsLive);
    }

    [Fact]
    public void what_follows_is_its_on_elapsed_and_nothing_escalates()
    {
        var run = Decided();

        var effects = run.Tick("2026-03-13T00:00:00+02:00");

        // The consequence the definition names (the decision becomes final), and no message about a limit exceeded.
        Assert.Equal(["AppealWindowClosed"], effects.OfType<MessageSent>().Select(m => m.Message));
        Assert.Equal("appeal-window elapsed (Test Regulation Art. 3)", effects.OfType<MessageSent>().Single().Reason);
        Assert.Equal("final-decision", run.State.Stage);
        // Later ticks bring nothing more: an elapsed window is not live.
        Assert.Empty(run.Tick("2026-04-30T00:00:00+03:00"));
    }

    [Fact]
    public void stopped_after_it_elapsed_it_is_not_met_and_says_it_was_a_window()
    {
        var run = Decided();
        run.Tick("2026-03-13T00:00:00+02:00");

        var effects = run.On("DecisionBecameFinal", "2026-03-14T09:00:00+02:00");

        var stopped = effects.OfType<TimerStopped>().Single();
        Assert.Equal(("appeal-window", false, true), (stopped.Timer, stopped.Met, stopped.Window));
    }

    [Fact]
    public void used_in_time_it_stops_met_and_both_its_start_and_stop_say_it_was_a_window()
    {
        var run = Decided();

        var effects = run.On("AppealLodged", "2026-03-09T11:00:00+02:00");

        Assert.True(run.History[1].Effects.OfType<TimerStarted>().Single(t => t.Timer == "appeal-window").Window);
        var stopped = effects.OfType<TimerStopped>().Single();
        Assert.Equal(("appeal-window", true, true), (stopped.Timer, stopped.Met, stopped.Window));
        Assert.Empty(run.Tick("2026-03-13T00:00:00+02:00").OfType<TimerElapsed>());
    }

    [Fact]
    public void a_limit_beside_it_is_still_breached()
    {
        var run = new Run(Fixture.Valid("window.yaml"));
        var started = run.Start("2026-03-02T10:00:00+02:00");

        var effects = run.Tick("2026-03-13T00:00:00+02:00");

        Assert.False(started.OfType<TimerStarted>().Single().Window);
        Assert.Equal("examination-limit", effects.OfType<TimerBreached>().Single().Timer);
        Assert.Empty(effects.OfType<TimerElapsed>());
    }

    [Fact]
    public void a_limit_records_the_json_it_always_recorded()
    {
        var run = new Run(Fixture.Valid("window.yaml"));
        var started = run.Start("2026-03-02T10:00:00+02:00").OfType<TimerStarted>().Single();
        var window = Decided().History[1].Effects.OfType<TimerStarted>().Single(t => t.Timer == "appeal-window");

        // Stored events of limits keep their shape, so cases recorded before windows existed compare equal on replay.
        Assert.DoesNotContain("Window", Run.Json([started]));
        Assert.Contains("\"Window\":true", Run.Json([window]));
        Assert.True(Assert.IsType<TimerStarted>(System.Text.Json.JsonSerializer.Deserialize<WorkflowEffect>(Run.Json([window])[1..^1])).Window);
    }
}
