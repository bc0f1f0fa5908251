using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Tests.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

public sealed class when_decide_runs_a_definition
{
    private readonly WorkflowDefinition _definition = Fixture.Valid();

    [Fact]
    public void starting_enters_the_initial_stage_opens_its_tasks_and_starts_its_timers()
    {
        var run = new Run(_definition);

        var effects = run.Start("2026-03-02T10:00:00+02:00");

        Assert.Collection(effects,
            e => Assert.Equal(new StageEntered("examination", "asylum"), e),
            e => Assert.Equal(new TaskOpened("interview", "Hold the interview", "asylum", "limit"), e),
            e =>
            {
                var started = Assert.IsType<TimerStarted>(e);
                Assert.Equal(("limit", 1, "P10D"), (started.Timer, started.Generation, started.Period));
                // 10 days from Monday 2 March: Thursday 12 March, expiring at midnight local time.
                Assert.Equal(DateTimeOffset.Parse("2026-03-13T00:00:00+02:00"), started.Schedule.ExpiresAt);
                Assert.Equal(DateTimeOffset.Parse("2026-03-10T00:00:00+02:00"), started.Schedule.WarnAt);
                Assert.Equal("BG", started.Schedule.Country);
            });
    }

    [Fact]
    public void a_second_start_decides_nothing()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        Assert.Empty(run.Start("2026-03-02T11:00:00+02:00"));
    }

    [Fact]
    public void a_rejection_moves_to_the_appeal_window_sends_the_joint_return_decision_and_starts_the_appeal_timer()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        var effects = run.On("DecisionIssued", "2026-03-05T10:00:00+02:00", ("outcome", "rejected"));

        Assert.Contains(new TimerStopped("limit", 1, DateTimeOffset.Parse("2026-03-05T10:00:00+02:00"), "DecisionIssued", Met: true), effects);
        Assert.Contains(new MessageSent("ReturnDecisionRequested", "return", "DecisionIssued in stage examination"), effects);
        Assert.Contains(new TaskClosed("interview", Completed: false, "stage examination left"), effects);
        Assert.Contains(new StageEntered("appeal-window", "asylum"), effects);
        var appeal = Assert.Single(effects.OfType<TimerStarted>());
        Assert.Equal(("appeal", "P1W"), (appeal.Timer, appeal.Period)); // BG's appeal-window-accelerated value
        Assert.Equal("appeal-window", run.State.Stage);
    }

    [Fact]
    public void a_grant_takes_the_unguarded_transition_and_starts_no_appeal_timer()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        var effects = run.On("DecisionIssued", "2026-03-05T10:00:00+02:00", ("outcome", "granted"));

        Assert.Contains(new StageEntered("closed", null), effects);
        Assert.DoesNotContain(effects, e => e is TimerStarted);
        Assert.DoesNotContain(effects, e => e is MessageSent);
    }

    [Fact]
    public void an_event_closing_a_task_completes_it()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        Assert.Equal([new TaskClosed("interview", Completed: true, "InterviewHeld")], run.On("InterviewHeld", "2026-03-03T10:00:00+02:00"));
        Assert.Empty(run.State.OpenTasks);
    }

    [Fact]
    public void the_warning_and_the_breach_fall_due_once_each_and_the_breach_escalates_and_moves_the_case()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        Assert.Empty(run.Tick("2026-03-09T23:59:00+02:00"));
        var warning = run.Tick("2026-03-10T00:00:00+02:00");
        var again = run.Tick("2026-03-11T00:00:00+02:00");
        var breach = run.Tick("2026-03-13T00:00:00+02:00");
        var late = run.Tick("2026-03-14T00:00:00+02:00");

        Assert.Equal([new TimerWarningDue("limit", 1, DateTimeOffset.Parse("2026-03-13T00:00:00+02:00")),
            new MessageSent("DeadlineApproaching", "asylum", "warning of limit")], warning);
        Assert.Empty(again);
        Assert.Equal(new TimerBreached("limit", 1, DateTimeOffset.Parse("2026-03-13T00:00:00+02:00"), "Test Regulation Art. 2"), breach[0]);
        Assert.Contains(new MessageSent("LimitExceeded", "asylum", "breach of limit (Test Regulation Art. 2)"), breach);
        Assert.Contains(new StageEntered("escalated", "asylum"), breach);
        Assert.Empty(late);
    }

    [Fact]
    public void a_suspended_timer_does_not_breach_and_resumes_lengthened_by_the_days_it_stood_still()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        run.On("ApplicantAbsconded", "2026-03-04T10:00:00+02:00");
        Assert.Empty(run.Tick("2026-03-20T00:00:00+02:00"));
        var resumed = Assert.IsType<TimerResumed>(Assert.Single(run.On("ApplicantReappeared", "2026-03-24T09:00:00+02:00")));

        // Suspended 4 March, resumed 24 March: 20 days given back, P10D becomes P30D from 2 March -> 1 April.
        Assert.Equal((2, 20, "P30D"), (resumed.Generation, resumed.SuspendedDays, resumed.Period));
        Assert.Equal(DateTimeOffset.Parse("2026-04-02T00:00:00+03:00"), resumed.Schedule.ExpiresAt);
    }

    [Fact]
    public void an_extension_applies_once_only_when_its_guard_holds_and_never_beyond_its_maximum()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        Assert.Empty(run.On("CrisisDerogationApplied", "2026-03-03T10:00:00+02:00", ("covers_case", false)));
        var extended = Assert.IsType<TimerExtended>(Assert.Single(
            run.On("CrisisDerogationApplied", "2026-03-03T11:00:00+02:00", ("covers_case", true))));
        var twice = run.On("CrisisDerogationApplied", "2026-03-03T12:00:00+02:00", ("covers_case", true));

        Assert.Equal(("P15D", "CFMR Art. 11(1)", 2), (extended.Period, extended.LegalBasis, extended.Generation));
        Assert.Equal(DateTimeOffset.Parse("2026-03-18T00:00:00+02:00"), extended.Schedule.ExpiresAt);
        Assert.Empty(twice);
    }

    [Fact]
    public void a_deadline_message_for_a_stopped_timer_does_nothing()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");
        run.On("DecisionIssued", "2026-03-05T10:00:00+02:00", ("outcome", "granted"));

        Assert.Empty(run.On(WorkflowEvent.Deadline("limit", 1), DateTimeOffset.Parse("2026-03-13T00:00:00+02:00")));
    }

    [Fact]
    public void an_event_the_stage_does_not_handle_changes_nothing()
    {
        var run = new Run(_definition);
        run.Start("2026-03-02T10:00:00+02:00");

        Assert.Empty(run.On("DecisionBecameFinal", "2026-03-03T10:00:00+02:00"));
        Assert.Equal("examination", run.State.Stage);
    }
}
