using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class return_border_procedure_scenarios
{
    private static Scenario Opened(string country = "BG", int? version = null)
    {
        var run = new Scenario("return-border-procedure", country, version);
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
    public void under_v1_when_twelve_weeks_from_the_opening_pass_the_case_falls_to_the_ordinary_return_procedure()
    {
        var run = Opened(version: 1); // a case pinned to v1 keeps v1
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
    public void under_v1_a_crisis_adds_six_weeks_to_the_procedure_and_allows_eighteen_weeks_of_detention_which_then_end()
    {
        var run = Opened("RO", version: 1);
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

        // RD Art. 11(1): the obligation to return was not complied with, so an entry ban is required.
        Assert.Equal(["VoluntaryDepartureExpired", "EntryBanRequired"], run.MessagesTo("return"));
        Assert.Equal("removed", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (return-border-procedure v2).

    [Fact]
    public void the_twelve_weeks_start_when_the_right_to_remain_ends_not_when_the_case_opens()
    {
        // RBPR Art. 4(2): "The 12-week period shall start from the date on which the applicant ... no longer has a
        // right to remain and is not allowed to remain."
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", false));
        Assert.False(run.State.Timers.ContainsKey("return-border-limit"));

        run.On("RightToRemainEnded", "2026-09-04T09:00:00+03:00", ("reason", "appeal-window-passed"),
            ("ended_at", "2026-09-03T00:00:00+03:00"));

        var limit = run.Timer("return-border-limit");
        Assert.Equal(DateTimeOffset.Parse("2026-09-03T00:00:00+03:00"), limit.StartedAt);
        // 12 weeks from Thursday 3 September 2026: Thursday 26 November.
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T00:00:00+02:00"), limit.ExpiresAt);
    }

    [Fact]
    public void a_final_asylum_decision_starts_the_twelve_weeks_at_the_latest()
    {
        var run = Opened();
        run.On("LinkedAsylumStatusChanged", "2026-08-25T10:00:00+03:00", ("asylum_decision_final", false), ("suspensive_appeal_pending", true));
        Assert.False(run.State.Timers.ContainsKey("return-border-limit"));

        run.On("LinkedAsylumStatusChanged", "2026-09-10T10:00:00+03:00", ("asylum_decision_final", true));

        Assert.Equal(DateTimeOffset.Parse("2026-09-10T10:00:00+03:00"), run.Timer("return-border-limit").StartedAt);
    }

    [Theory]
    [InlineData(true, "P18W")]
    [InlineData(false, "P12W")]
    public void a_crisis_adds_six_weeks_only_for_persons_rejected_under_cfmr_article_11_3_4_or_6(bool article11Case, string period)
    {
        // RBPR Art. 6(1)(a): the +6 weeks concern persons "whose application has been rejected in the context of the
        // asylum border procedure pursuant to Article 11(3), (4) and (6) of Regulation (EU) 2024/1359".
        var run = Opened("RO");
        run.On("RightToRemainEnded", "2026-08-21T10:00:00+03:00", ("reason", "request-to-remain-refused"));
        run.On("CrisisDerogationApplied", "2026-08-25T10:00:00+03:00", ("covers_case", true), ("crisis_id", "ro-2026-1"),
            ("cfmr_article_11_border_case", article11Case));

        Assert.Equal(period, run.Timer("return-border-limit").Period);
    }

    [Fact]
    public void detention_ends_with_the_return_border_procedure_not_twelve_weeks_after_the_order()
    {
        // RBPR Art. 5(4) as read with Art. 6(1)(b): detention does not exceed the Art. 4(2) period.
        var run = Opened();
        run.On("RightToRemainEnded", "2026-08-21T10:00:00+03:00", ("reason", "appeal-dismissed"));
        run.On("ReturnDecisionIssued", "2026-08-21T12:00:00+03:00", ("voluntary_departure", false));
        run.On("DetentionOrdered", "2026-09-11T10:00:00+03:00");

        var limit = run.Timer("return-border-limit");
        var detention = run.Timer("detention-limit");
        Assert.Equal(limit.StartedAt, detention.StartedAt);
        // 12 weeks from Friday 21 August: Friday 13 November; the detention maximum is not shifted, and here the
        // day is a working day, so both end together.
        Assert.Equal(limit.ExpiresAt, detention.ExpiresAt);
    }

    [Fact]
    public void a_return_decision_without_voluntary_departure_requires_an_entry_ban()
    {
        // RD Art. 11(1)(a): "Return decisions shall be accompanied by an entry ban if no period for voluntary
        // departure has been granted".
        var run = Opened();
        run.On("ReturnDecisionIssued", "2026-08-20T12:00:00+03:00", ("voluntary_departure", false));

        Assert.Equal(["EntryBanRequired"], run.MessagesTo("return"));
    }
}
