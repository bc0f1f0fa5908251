using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class return_border_procedure_scenarios
{
    private static Scenario Opened(string country = "BG")
    {
        var run = new Scenario("return-border-procedure", country);
        run.Start("2026-08-20T10:00:00+03:00", ("basis", "asylum-rejection"), ("border_procedure", true));
        return run;
    }

    [Fact]
    public void the_returnee_leaves_voluntarily_within_the_period_offered()
    {
        var run = Opened();
        run.On("ReturnCounsellingHeld", "2026-08-20T11:00:00+03:00");
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", true));
        run.On("AssistedVoluntaryReturnRequested", "2026-08-24T10:00:00+03:00");
        run.On("VoluntaryDepartureConfirmed", "2026-09-01T10:00:00+03:00");

        Assert.Equal("departed", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void when_twelve_weeks_pass_the_case_falls_to_the_ordinary_return_procedure()
    {
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-08-21T10:00:00+03:00");
        run.On("RemovalScheduled", "2026-10-01T10:00:00+03:00");
        run.On("RemovalCancelled", "2026-10-05T10:00:00+03:00");
        run.Tick("2026-11-13T00:00:00+02:00");

        Assert.Equal(["DeadlineApproaching", "ReturnBorderProcedureEnded"], run.MessagesTo("return"));
        Assert.Equal("ordinary-return", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_crisis_adds_six_weeks_to_the_procedure_and_allows_eighteen_weeks_of_detention_which_then_end()
    {
        var run = Opened("RO");
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-08-20T13:00:00+03:00");
        run.On("CrisisDerogationApplied", "2026-08-25T10:00:00+03:00", ("covers_case", true), ("crisis_id", "ro-2026-1"));
        run.Tick("2026-12-25T00:00:00+02:00");

        Assert.Equal("P18W", run.Timer("return-border-limit").Period);
        Assert.Equal("P18W", run.Timer("detention-limit").Period);
        Assert.Contains("DetentionLimitExceeded", run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_voluntary_departure_period_not_used_is_escalated_and_the_returnee_is_removed()
    {
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", true));
        run.Tick("2026-09-05T00:00:00+03:00");
        run.On("TravelDocumentObtained", "2026-09-08T10:00:00+03:00");
        run.On("RemovalScheduled", "2026-09-09T10:00:00+03:00");
        run.On("RemovalExecuted", "2026-09-15T06:00:00+03:00");

        Assert.Equal(["VoluntaryDepartureExpired"], run.MessagesTo("return"));
        Assert.Equal("removed", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }
}
