using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class regular_procedure_scenarios
{
    private static Scenario Registered(string country = "BG")
    {
        var run = new Scenario("regular-procedure", country);
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
    public void the_examination_limit_is_extended_by_six_months_then_three_more_and_is_then_breached()
    {
        var run = Registered();
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
}
