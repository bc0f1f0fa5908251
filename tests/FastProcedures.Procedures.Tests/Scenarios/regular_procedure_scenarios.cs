using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class regular_procedure_scenarios
{
    private static Scenario Registered(string country = "BG", int? version = null)
    {
        var run = new Scenario("regular-procedure", country, version);
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "regular-procedure"));
        return run;
    }

    [Fact]
    public void a_rejection_gets_the_longer_regular_appeal_window_and_goes_to_return_when_final()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        run.On("ReturnCounsellingHeld", "2026-07-10T11:00:00+03:00");
        run.On("InterviewHeld", "2026-09-15T10:00:00+03:00");
        run.On("DecisionIssued", "2026-11-16T10:00:00+02:00", ("outcome", "rejected-unfounded"), ("negative", true));
        run.Tick("2026-12-01T00:00:00+02:00");
        run.On("DecisionBecameFinal", "2026-12-01T09:00:00+02:00", ("negative", true));

        Assert.Contains("AppealWindowClosed", run.MessagesTo("asylum"));
        Assert.Equal("handed-to-return", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_the_examination_limit_is_extended_by_six_months_then_three_more_and_is_then_breached()
    {
        var run = Registered(version: 1); // cases pinned to v1 keep v1
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        run.On("ExaminationPeriodExtended", "2026-12-01T10:00:00+02:00");
        run.On("ExaminationPeriodFurtherExtended", "2027-06-01T10:00:00+03:00");
        run.Tick("2027-10-12T00:00:00+03:00");

        Assert.Equal("P15M", run.Timer("examination-limit").Period);
        Assert.Contains("ExaminationLimitExceeded", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_grant_closes_the_case()
    {
        var run = Registered("RO");
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        run.On("DecisionIssued", "2026-10-01T10:00:00+03:00", ("outcome", "granted-subsidiary"), ("negative", false));

        Assert.Equal("protection-granted", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_application_not_lodged_within_21_days_is_escalated_for_implicit_withdrawal()
    {
        var run = Registered();
        run.Tick("2026-07-23T00:00:00+03:00");

        Assert.Equal(["ApplicationNotLodged"], run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (regular-procedure v2).

    [Fact]
    public void the_six_months_are_extended_once_by_six_and_never_by_a_further_three()
    {
        // APR Art. 35(5): "a further six months"; the +3 months came from the repealed Directive 2013/32 Art. 31(3).
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        run.On("ExaminationPeriodExtended", "2026-12-01T10:00:00+02:00", ("reason", "complex-issues"));
        var further = run.On("ExaminationPeriodFurtherExtended", "2027-06-01T10:00:00+03:00", ("reason", "exceptional"));

        Assert.Empty(further);
        Assert.Equal("P12M", run.Timer("examination-limit").Period);
    }

    [Fact]
    public void absconding_does_not_suspend_the_six_months_and_implicit_withdrawal_is_considered()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        var effects = run.On("ApplicantAbsconded", "2026-08-10T10:00:00+03:00");

        Assert.Empty(effects.OfType<Workflows.TimerSuspended>());
        Assert.Equal(["ImplicitWithdrawalToConsider"], run.MessagesTo("asylum"));
    }

    [Fact]
    public void the_appeal_window_is_limb_b_counted_from_notification()
    {
        // APR Art. 67(7)(b): decisions outside the accelerated and border procedures; from notification.
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        run.On("DecisionIssued", "2026-11-02T10:00:00+02:00", ("outcome", "rejected-unfounded"), ("negative", true),
            ("notified_at", "2026-11-04T12:00:00+02:00"));

        var window = run.Timer("appeal-deadline");
        Assert.Equal((DateTimeOffset.Parse("2026-11-04T12:00:00+02:00"), "P14D"), (window.StartedAt, window.Period));
        // 14 days (Bulgaria's value) from Wednesday 4 November: Wednesday 18 November.
        Assert.Equal(DateTimeOffset.Parse("2026-11-19T00:00:00+02:00"), window.ExpiresAt);
    }

    [Fact]
    public void an_applicant_transferred_here_has_21_days_from_presenting_himself_to_lodge()
    {
        // APR Art. 28(2): 21 days from the applicant's presentation to the Member State responsible after a transfer.
        var run = Registered();
        run.On("ApplicantPresentedAfterTransfer", "2026-07-03T10:00:00+03:00");

        // 21 days from Friday 3 July: Friday 24 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-25T00:00:00+03:00"), run.ExpiryOf("lodging-after-transfer"));
        run.On("ApplicationLodged", "2026-07-10T10:00:00+03:00");
        Assert.Equal(Workflows.TimerStatus.Stopped, run.Timer("lodging-after-transfer").Status);
    }
}
