using Snapshooter.Xunit;
using FastProcedures.Workflows;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class border_procedure_scenarios
{
    private static Scenario Registered(string country = "BG", int? version = null)
    {
        var run = new Scenario("border-procedure", country, version);
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "border-procedure"), ("ground", "APR Art. 42(1)(j)"));
        return run;
    }

    [Fact]
    public void a_rejection_comes_with_the_return_decision_and_a_dismissed_appeal_hands_the_case_to_return()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");
        run.On("ReturnCounsellingHeld", "2026-07-02T14:00:00+03:00");
        run.On("InterviewHeld", "2026-07-08T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-manifestly-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-07-20T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-08-20T10:00:00+03:00", ("outcome", "dismissed"));
        run.On("DecisionBecameFinal", "2026-08-20T10:00:00+03:00", ("negative", true));

        Assert.Equal("handed-to-return", run.State.Stage);
        Assert.Equal(["ReturnDecisionRequested", "AsylumCaseHandedOver"], run.MessagesTo("return"));
        Assert.True(run.Effects.OfType<Workflows.TimerStopped>().Single(t => t.Timer == "border-procedure-limit").Met);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void without_an_appeal_the_window_closes_and_the_final_rejection_goes_to_return()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("DecisionBecameFinal", "2026-07-23T09:00:00+03:00", ("negative", true));

        Assert.Contains("AppealWindowClosed", run.MessagesTo("asylum"));
        Assert.Equal("handed-to-return", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_grant_closes_the_procedure_without_a_return_decision()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-20T10:00:00+03:00", ("outcome", "granted-refugee"), ("negative", false));

        Assert.Equal("protection-granted", run.State.Stage);
        Assert.Empty(run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void when_twelve_weeks_pass_the_applicant_enters_the_territory_and_the_examination_continues_there()
    {
        var run = Registered();
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("ApplicationLodged", "2026-07-23T10:00:00+03:00");
        run.Tick("2026-09-17T00:00:00+03:00");
        run.Tick("2026-09-24T00:00:00+03:00");
        run.On("DecisionIssued", "2026-10-01T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));

        Assert.Equal(["ApplicationNotLodged", "DeadlineApproaching", "BorderProcedureLimitExceeded"], run.MessagesTo("asylum"));
        Assert.Equal(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), run.Effects.OfType<Workflows.TimerBreached>().Last().ExpiredAt);
        Assert.Equal("appeal-window", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_absconding_stops_the_clock_and_the_days_away_are_given_back_on_reappearing()
    {
        var run = Registered(version: 1); // a case pinned to v1 keeps v1
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("ApplicantAbsconded", "2026-07-10T08:00:00+03:00");
        run.On("ApplicantReappeared", "2026-07-20T18:00:00+03:00");

        // 84 days + 10 days away from Wednesday 1 July: Saturday 3 October, so Monday 5 October (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2026-10-06T00:00:00+03:00"), run.ExpiryOf("border-procedure-limit"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_relocation_extends_the_limit_to_sixteen_weeks_and_a_crisis_adds_six_more()
    {
        var run = Registered(version: 1); // a case pinned to v1 keeps v1
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("ApplicantRelocated", "2026-07-10T10:00:00+03:00");
        run.On("CrisisDerogationApplied", "2026-07-11T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal("P22W", run.Timer("border-procedure-limit").Period);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_relocation_after_a_crisis_gives_the_same_twenty_two_weeks()
    {
        var run = Registered(version: 1); // a case pinned to v1 keeps v1
        run.On("CrisisDerogationApplied", "2026-07-10T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));
        run.On("ApplicantRelocated", "2026-07-11T10:00:00+03:00");

        Assert.Equal("P22W", run.Timer("border-procedure-limit").Period);
    }

    [Fact]
    public void a_crisis_adds_six_weeks_to_the_border_limit()
    {
        var run = Registered("RO");
        run.On("CrisisDerogationApplied", "2026-07-02T10:00:00+03:00", ("covers_case", true), ("crisis_id", "ro-2026-1"));

        Assert.Equal("P18W", run.Timer("border-procedure-limit").Period);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_upheld_appeal_annuls_the_rejection_and_nothing_goes_to_return_after_the_joint_decision()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "inadmissible"), ("negative", true));
        run.On("AppealLodged", "2026-07-17T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-08-10T10:00:00+03:00", ("outcome", "upheld"));

        Assert.Equal("annulled", run.State.Stage);
        Assert.Equal(["ReturnDecisionRequested"], run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (border-procedure v2).

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void relocation_and_a_crisis_together_never_give_more_than_eighteen_weeks(bool relocatedFirst)
    {
        // CFMR Art. 11(1): the crisis extension "shall not be used in addition to" the relocation period of AMMR
        // Art. 67(11); 12 + 4 + 6 = 22 weeks is unlawful, 18 is the maximum.
        var run = Registered();
        var (first, second) = relocatedFirst ? ("ApplicantRelocated", "CrisisDerogationApplied") : ("CrisisDerogationApplied", "ApplicantRelocated");
        run.On(first, "2026-07-10T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));
        run.On(second, "2026-07-11T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal("P18W", run.Timer("border-procedure-limit").Period);
    }

    [Fact]
    public void relocation_alone_gives_sixteen_weeks_and_a_crisis_alone_eighteen()
    {
        var relocated = Registered();
        relocated.On("ApplicantRelocated", "2026-07-10T10:00:00+03:00");
        var crisis = Registered("RO");
        crisis.On("CrisisDerogationApplied", "2026-07-02T10:00:00+03:00", ("covers_case", true), ("crisis_id", "ro-2026-1"));

        Assert.Equal("P16W", relocated.Timer("border-procedure-limit").Period);
        Assert.Equal("P18W", crisis.Timer("border-procedure-limit").Period);
    }

    [Fact]
    public void absconding_does_not_suspend_the_twelve_weeks()
    {
        // The 12 weeks are a stand-alone maximum; the APR's answer to absconding is implicit withdrawal (Art. 41).
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        var effects = run.On("ApplicantAbsconded", "2026-07-10T08:00:00+03:00");
        run.On("ApplicantReappeared", "2026-07-20T18:00:00+03:00");

        Assert.Empty(effects.OfType<Workflows.TimerSuspended>());
        // 12 weeks from Wednesday 1 July 2026: Wednesday 23 September.
        Assert.Equal(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), run.ExpiryOf("border-procedure-limit"));
    }

    [Fact]
    public void the_twelve_weeks_end_when_the_right_to_remain_ends_and_the_return_unit_is_told()
    {
        // APR Art. 51(2): "until the applicant does not have the right to remain and is not allowed to remain";
        // APR Art. 68(3)(a)(ii): no automatic right to remain after a rejection in the border procedure.
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-manifestly-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-07-17T10:00:00+03:00", ("against", "asylum-decision"), ("suspensive_effect", false));
        var ended = run.On("RightToRemainEnded", "2026-07-24T10:00:00+03:00", ("reason", "request-to-remain-refused"));

        var stopped = Assert.Single(ended.OfType<Workflows.TimerStopped>());
        Assert.Equal(("border-procedure-limit", true), (stopped.Timer, stopped.Met));
        Assert.Contains("RightToRemainEnded", run.MessagesTo("return"));
        Assert.Equal("appeal", run.State.Stage);
    }

    [Fact]
    public void a_transfer_appeal_is_not_an_appeal_against_the_asylum_decision()
    {
        var run = Registered();
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));
        var effects = run.On("AppealLodged", "2026-07-16T10:00:00+03:00", ("against", "transfer-decision"), ("suspensive_effect", true));

        Assert.Empty(effects);
        Assert.Equal("appeal-window", run.State.Stage);
        Assert.Equal(TimerStatus.Running, run.Timer("appeal-deadline").Status);
    }

    [Fact]
    public void the_appeal_window_counts_from_notification_with_the_limb_a_value()
    {
        // APR Art. 67(7): the window runs from notification; border-procedure decisions fall under limb (a).
        var run = Registered();
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true),
            ("notified_at", "2026-07-17T11:00:00+03:00"));

        var window = run.Timer("appeal-deadline");
        Assert.Equal((DateTimeOffset.Parse("2026-07-17T11:00:00+03:00"), "P7D"), (window.StartedAt, window.Period));
        // 7 days from Friday 17 July: Friday 24 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-25T00:00:00+03:00"), window.ExpiresAt);
    }

    [Fact]
    public void a_decision_notified_later_starts_the_appeal_window_on_its_notification()
    {
        // APR Art. 67(7) (v3): the window runs from notification, also when the decision is served after it was issued.
        var run = Registered();
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true),
            ("notified_at", null), ("notified_later", true));
        Assert.False(run.State.Timers.ContainsKey("appeal-deadline"));
        Assert.Equal("appeal-window", run.State.Stage);

        run.On("DecisionNotified", "2026-07-21T16:00:00+03:00", ("negative", true), ("notified_at", "2026-07-20T11:00:00+03:00"));

        var window = run.Timer("appeal-deadline");
        // 7 days from Monday 20 July: Monday 27 July.
        Assert.Equal((DateTimeOffset.Parse("2026-07-20T11:00:00+03:00"), DateTimeOffset.Parse("2026-07-28T00:00:00+03:00")),
            (window.StartedAt, window.ExpiresAt));
    }

    [Fact]
    public void a_decision_notified_later_on_a_case_pinned_to_v2_counts_from_the_decision()
    {
        // Cases pinned to v2 keep v2: DecisionNotified is unknown there and the window ran from the decision.
        var run = Registered(version: 2);
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true),
            ("notified_at", null), ("notified_later", true));
        Assert.Equal(DateTimeOffset.Parse("2026-07-15T10:00:00+03:00"), run.Timer("appeal-deadline").StartedAt);
    }

    [Fact]
    public void a_court_allowing_the_applicant_to_remain_is_passed_to_the_return_unit()
    {
        // APR Art. 68 (v3): allowed to remain pending an appeal without suspensive effect.
        var run = Registered();
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-07-17T10:00:00+03:00", ("suspensive_effect", false), ("requests_to_remain", true));
        run.On("RemainAllowed", "2026-07-20T10:00:00+03:00");

        Assert.Equal("appeal", run.State.Stage);
        Assert.Contains("RemainAllowed", run.MessagesTo("return"));
        Assert.Equal(TimerStatus.Running, run.Timer("border-procedure-limit").Status);
    }

    [Fact]
    public void leaving_the_border_procedure_authorises_entry_and_ends_the_border_limit()
    {
        // APR Art. 53(2): e.g. necessary support for special procedural guarantees cannot be provided at the border.
        var run = Registered();
        run.On("BorderProcedureLeft", "2026-07-20T10:00:00+03:00", ("ground", "APR Art. 53(2)(c)"));

        Assert.Equal("territory-procedure", run.State.Stage);
        Assert.Equal(TimerStatus.Stopped, run.Timer("border-procedure-limit").Status);
    }

    [Fact]
    public void a_case_pinned_to_v1_still_runs_on_v1()
    {
        var run = Registered(version: 1);
        run.On("ApplicantRelocated", "2026-07-10T10:00:00+03:00");
        run.On("CrisisDerogationApplied", "2026-07-11T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal("P22W", run.Timer("border-procedure-limit").Period);
        Assert.StartsWith("border-procedure v1 ", run.Timeline);
    }
}
