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

    // Legal-timelines revision 2 (return-procedure v2).

    [Fact]
    public void detention_adds_up_across_orders_and_the_days_at_liberty_are_not_counted()
    {
        // RD Art. 15(5)-(6); CJEU C-357/09 PPU Kadzoev: all detention for removal counts towards the maximum.
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-02T10:00:00+03:00");
        run.On("DetentionEnded", "2026-11-02T10:00:00+02:00");
        var effects = run.On("DetentionOrdered", "2026-12-02T10:00:00+02:00");

        var resumed = Assert.Single(effects.OfType<Workflows.TimerResumed>());
        Assert.Equal(30, resumed.SuspendedDays);
        // 6 months from Wednesday 2 September 2026 and 30 days at liberty: Thursday 1 April 2027.
        Assert.Equal(DateTimeOffset.Parse("2027-04-02T00:00:00+03:00"), run.ExpiryOf("detention-limit"));
    }

    [Fact]
    public void detention_served_in_the_return_border_procedure_counts_towards_the_maximum()
    {
        // RBPR Art. 6(1)(b): that detention "shall be included in calculating the maximum periods of detention set
        // out in Article 15(5) and (6) of Directive 2008/115/EC".
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-02T10:00:00+03:00", ("detention_days_served", 84));

        // Counted as if from 84 days earlier, Wednesday 10 June 2026: 6 months end Thursday 10 December.
        Assert.Equal(DateTimeOffset.Parse("2026-12-11T00:00:00+02:00"), run.ExpiryOf("detention-limit"));
    }

    [Fact]
    public void the_detention_maximum_ends_on_its_last_day_even_on_a_saturday()
    {
        // legal-timelines §5: Reg. 1182/71 Art. 3(4) would lengthen a deprivation of liberty over a weekend.
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-06T10:00:00+03:00");

        // 6 months from Sunday 6 September 2026: Saturday 6 March 2027, not moved to Monday 8 March.
        Assert.Equal(DateTimeOffset.Parse("2027-03-07T00:00:00+02:00"), run.ExpiryOf("detention-limit"));
    }

    [Fact]
    public void a_voluntary_departure_not_complied_with_requires_an_entry_ban()
    {
        // RD Art. 11(1)(b): an entry ban "if the obligation to return has not been complied with".
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-09-01T12:00:00+03:00", ("voluntary_departure", true));
        run.Tick("2026-10-02T00:00:00+03:00");

        Assert.Equal(["VoluntaryDepartureExpired", "EntryBanRequired"], run.MessagesTo("return"));
    }
}
