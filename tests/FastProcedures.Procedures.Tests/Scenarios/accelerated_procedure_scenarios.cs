using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class accelerated_procedure_scenarios
{
    private static Scenario Registered(string country = "BG", int? version = null)
    {
        var run = new Scenario("accelerated-procedure", country, version);
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "accelerated-procedure"), ("ground", "APR Art. 42(1)(c)"));
        return run;
    }

    [Fact]
    public void a_rejection_within_three_months_comes_with_the_return_decision_and_the_final_rejection_goes_to_return()
    {
        var run = Registered();
        run.On("ReturnCounsellingHeld", "2026-07-01T15:00:00+03:00");
        run.On("ApplicationLodged", "2026-07-06T10:00:00+03:00");
        run.On("InterviewHeld", "2026-08-03T10:00:00+03:00");
        run.On("DecisionIssued", "2026-09-01T10:00:00+03:00", ("outcome", "rejected-manifestly-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-09-07T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-10-15T10:00:00+03:00", ("outcome", "dismissed"));
        run.On("DecisionBecameFinal", "2026-10-15T10:00:00+03:00", ("negative", true));

        Assert.Equal("handed-to-return", run.State.Stage);
        Assert.Equal(["ReturnDecisionRequested", "AsylumCaseHandedOver"], run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_application_not_lodged_and_an_examination_past_three_months_are_escalated_to_the_asylum_unit()
    {
        var run = Registered("RO");
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("ApplicationLodged", "2026-07-24T10:00:00+03:00");
        run.Tick("2026-10-13T00:00:00+03:00");
        run.Tick("2026-10-27T00:00:00+02:00"); // summer time ended on 25 October

        Assert.Equal(["ApplicationNotLodged", "DeadlineApproaching", "ExaminationLimitExceeded"], run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_absconding_suspends_the_examination_limit_until_the_applicant_reappears()
    {
        var run = Registered(version: 1); // cases pinned to v1 keep v1
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");
        run.On("ApplicantAbsconded", "2026-07-15T10:00:00+03:00");
        var whileAway = run.Tick("2026-10-05T00:00:00+03:00");
        run.On("ApplicantReappeared", "2026-10-05T10:00:00+03:00");

        Assert.Empty(whileAway);
        Assert.Equal(Workflows.TimerStatus.Running, run.Timer("examination-limit").Status);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_upheld_appeal_annuls_the_rejection()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T12:00:00+03:00");
        run.On("DecisionIssued", "2026-08-03T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-08-10T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-09-10T10:00:00+03:00", ("outcome", "upheld"));

        Assert.Equal("annulled", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void without_an_appeal_within_the_window_the_asylum_unit_is_told_the_window_closed()
    {
        var run = Registered("RO");
        run.On("ApplicationLodged", "2026-07-01T12:00:00+03:00");
        run.On("DecisionIssued", "2026-08-03T10:00:00+03:00", ("outcome", "implicitly-withdrawn"), ("negative", true));
        run.Tick("2026-08-11T00:00:00+03:00");
        run.On("DecisionBecameFinal", "2026-08-11T09:00:00+03:00", ("negative", true));

        Assert.Contains("AppealWindowClosed", run.MessagesTo("asylum"));
        Assert.Equal(["ReturnDecisionRequested", "AsylumCaseHandedOver"], run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (accelerated-procedure v2).

    [Fact]
    public void absconding_does_not_suspend_the_three_months_and_implicit_withdrawal_is_considered()
    {
        // APR Art. 35(3) has no suspension; the answer to absconding is implicit withdrawal (APR Art. 41).
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        var before = run.ExpiryOf("examination-limit");
        var effects = run.On("ApplicantAbsconded", "2026-07-10T08:00:00+03:00");

        Assert.Empty(effects.OfType<Workflows.TimerSuspended>());
        Assert.Equal(["ImplicitWithdrawalToConsider"], run.MessagesTo("asylum"));
        Assert.Equal(before, run.ExpiryOf("examination-limit"));
    }

    [Fact]
    public void the_appeal_window_is_limb_a_counted_from_notification()
    {
        // APR Art. 67(7)(a): decisions in the accelerated procedure; the window runs from notification.
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-08-03T10:00:00+03:00", ("outcome", "rejected-manifestly-unfounded"), ("negative", true),
            ("notified_at", "2026-08-05T09:00:00+03:00"));

        var window = run.Timer("appeal-deadline");
        Assert.Equal((DateTimeOffset.Parse("2026-08-05T09:00:00+03:00"), "P7D"), (window.StartedAt, window.Period));
    }
}
