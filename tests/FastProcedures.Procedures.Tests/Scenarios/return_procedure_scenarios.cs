using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class return_procedure_scenarios
{
    private static Scenario Opened(string country = "BG")
    {
        var run = new Scenario("return-procedure", country);
        run.Start("2026-09-01T10:00:00+03:00", ("basis", "asylum-rejection"), ("border_procedure", false));
        return run;
    }

    [Fact]
    public void voluntary_departure_is_extended_then_expires_and_the_returnee_is_removed()
    {
        var run = Opened();
        run.On("ReturnCounsellingHeld", "2026-09-01T11:00:00+03:00");
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", true));
        run.On("VoluntaryDepartureExtended", "2026-09-25T10:00:00+03:00");
        run.Tick("2026-10-30T00:00:00+02:00");
        run.Tick("2026-11-03T00:00:00+02:00");
        run.On("TravelDocumentObtained", "2026-11-10T10:00:00+02:00");
        run.On("RemovalScheduled", "2026-11-12T10:00:00+02:00");
        run.On("RemovalExecuted", "2026-11-20T06:00:00+02:00");

        Assert.Contains("VoluntaryDepartureExpired", run.MessagesTo("return"));
        Assert.Equal("removed", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void detention_is_reviewed_monthly_an_overdue_review_is_escalated_and_detention_ends_at_its_limit()
    {
        var run = Opened("RO");
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-02T10:00:00+03:00");
        run.On("DetentionReviewed", "2026-09-30T10:00:00+03:00", ("outcome", "continued"));
        run.Tick("2026-10-31T00:00:00+02:00");
        run.On("DetentionReviewed", "2026-11-04T10:00:00+02:00", ("outcome", "continued"));
        run.Tick("2027-03-03T00:00:00+02:00");

        Assert.Contains("DetentionReviewOverdue", run.MessagesTo("return"));
        Assert.Contains("DetentionLimitExceeded", run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void detention_extended_for_non_cooperation_may_last_eighteen_months_and_ends_with_the_review()
    {
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-02T10:00:00+03:00");
        run.On("DetentionExtended", "2027-02-20T10:00:00+02:00");
        run.On("DetentionReviewed", "2027-03-01T10:00:00+02:00", ("outcome", "ended"));
        run.On("DetentionEnded", "2027-03-01T10:05:00+02:00");

        Assert.Equal("P18M", run.Timer("detention-limit").Period);
        Assert.Equal(Workflows.TimerStatus.Stopped, run.Timer("detention-review").Status);
        Snapshot.Match(run.Timeline);
    }
}
