using FastProcedures.Workflows.Tests.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

public sealed class when_a_timer_starts_on_entering_a_stage
{
    private static Run Started()
    {
        var run = new Run(Fixture.Valid("starts-on-entering.yaml"));
        run.Start("2026-03-02T10:00:00+02:00");
        return run;
    }

    [Fact]
    public void it_starts_when_a_transition_enters_the_stage()
    {
        var run = Started();

        var effects = run.On("ReplyReceived", "2026-03-05T10:00:00+02:00", ("outcome", "accepted"));

        var started = Assert.Single(effects.OfType<TimerStarted>());
        Assert.Equal(("after-acceptance", DateTimeOffset.Parse("2026-03-05T10:00:00+02:00")), (started.Timer, started.StartedAt));
        // Two weeks from Thursday 5 March: Thursday 19 March.
        Assert.Equal(DateTimeOffset.Parse("2026-03-20T00:00:00+02:00"), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void it_starts_when_a_breach_moves_the_case_into_the_stage()
    {
        var run = Started();

        var effects = run.Tick("2026-03-13T00:00:00+02:00");

        Assert.Collection(effects.Where(e => e is TimerBreached or StageEntered or TimerStarted),
            e => Assert.Equal("reply", Assert.IsType<TimerBreached>(e).Timer),
            e => Assert.Equal("accepted", Assert.IsType<StageEntered>(e).Stage),
            e => Assert.Equal(("after-acceptance", 1), (Assert.IsType<TimerStarted>(e).Timer, ((TimerStarted)e).Generation)));
    }

    [Fact]
    public void it_does_not_start_on_another_way_out_nor_restart_while_it_runs()
    {
        var refused = Started();
        Assert.Empty(refused.On("ReplyReceived", "2026-03-05T10:00:00+02:00", ("outcome", "refused")).OfType<TimerStarted>());

        var run = Started();
        run.On("ReplyReceived", "2026-03-05T10:00:00+02:00", ("outcome", "accepted"));
        run.On("Reconsidered", "2026-03-06T10:00:00+02:00");
        var again = run.On("ReplyReceived", "2026-03-07T10:00:00+02:00", ("outcome", "accepted"));

        Assert.Empty(again.OfType<TimerStarted>());
        Assert.Equal(1, run.State.Timers["after-acceptance"].Generation);
    }

    [Fact]
    public void a_stage_that_does_not_exist_and_a_timer_that_never_starts_are_reported_where_they_are_written()
    {
        var (definition, errors) = Fixture.Load("starts-on-entering-unknown-stage.yaml");

        Assert.Null(definition);
        Assert.Equal([
            "Fixtures/starts-on-entering-unknown-stage.yaml:20:26: timer 'after' starts on entering an unknown stage 'acepted'",
            "Fixtures/starts-on-entering-unknown-stage.yaml:22:5: timer 'never' never starts: give it starts-on or starts-on-entering",
        ], errors.Select(e => e.ToString()));
    }
}
