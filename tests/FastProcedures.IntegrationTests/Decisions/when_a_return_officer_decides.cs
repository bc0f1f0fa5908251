using FastProcedures.Cases;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.Holds;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using static FastProcedures.IntegrationTests.Decisions.Cases;

namespace FastProcedures.IntegrationTests.Decisions;

/// <summary>The return unit's decisions as pure functions: state, command and now in, events out (or a refusal).</summary>
public sealed class when_a_return_officer_decides
{
    private static readonly DetentionOrdered Detained = new(ReturnId, "Busmantsi", "Risk of absconding (RD Art. 15(1)(a))", "officer", Now.AddDays(-5));

    [Fact]
    public void ordering_detention_records_it_once()
    {
        var ordered = Assert.IsType<DetentionOrdered>(Assert.Single(OrderDetentionHandler.Decide(Return(),
            new OrderDetention(ReturnId, null, "Busmantsi", "Risk of absconding", "officer"), Now)));
        Assert.Equal(("Busmantsi", Now), (ordered.Facility, ordered.OrderedAt));
        Assert.Empty(OrderDetentionHandler.Decide(Return(Detained), new OrderDetention(ReturnId, null, "Busmantsi", "Again", "officer"), Now));
    }

    [Fact]
    public void detention_cannot_be_ordered_without_grounds()
    {
        Assert.Throws<CaseCommandRefused>(() => OrderDetentionHandler.Decide(Return(), new OrderDetention(ReturnId, null, "Busmantsi", " ", "officer"), Now));
    }

    [Fact]
    public void detention_is_extended_only_while_the_person_is_detained()
    {
        Assert.IsType<DetentionExtended>(Assert.Single(ExtendDetentionHandler.Decide(Return(Detained),
            new ExtendDetention(ReturnId, null, "Travel documents delayed (RD Art. 15(6)(b))", "officer"), Now)));
        var refused = Assert.Throws<CaseCommandRefused>(() => ExtendDetentionHandler.Decide(Return(),
            new ExtendDetention(ReturnId, null, "Delayed documents", "officer"), Now));
        Assert.Contains("not detained", refused.Message);
    }

    [Fact]
    public void a_review_records_its_outcome_and_needs_a_detained_person()
    {
        var reviewed = Assert.IsType<DetentionReviewed>(Assert.Single(ReviewDetentionHandler.Decide(Return(Detained),
            new ReviewDetention(ReturnId, null, DetentionReviewOutcome.Ended, "judge"), Now)));
        Assert.Equal(DetentionReviewOutcome.Ended, reviewed.Outcome);
        Assert.False(ReturnCase.Fold(Return(Detained), reviewed)!.Detained);
        Assert.Throws<CaseCommandRefused>(() => ReviewDetentionHandler.Decide(Return(),
            new ReviewDetention(ReturnId, null, DetentionReviewOutcome.Continued, "judge"), Now));
    }

    [Fact]
    public void ending_detention_of_a_person_not_detained_changes_nothing()
    {
        Assert.IsType<DetentionEnded>(Assert.Single(EndDetentionHandler.Decide(Return(Detained),
            new EndDetention(ReturnId, null, "Released by court", "officer"), Now)));
        Assert.Empty(EndDetentionHandler.Decide(Return(), new EndDetention(ReturnId, null, "Released by court", "officer"), Now));
    }

    [Fact]
    public void a_removal_hold_bars_removal_until_it_is_lifted()
    {
        var placed = Assert.IsType<RemovalHoldPlaced>(Assert.Single(PlaceRemovalHoldHandler.Decide(Return(ReturnDecision()),
            new PlaceRemovalHold(ReturnId, null, "Medical (RD Art. 9(2)(a))", "doctor"), Now)));
        var held = ReturnCase.Fold(Return(ReturnDecision()), placed)!;
        Assert.Contains(RemovalBar.MedicalOrVulnerabilityHold, held.RemovalBars(Now));

        var lifted = Assert.IsType<RemovalHoldLifted>(Assert.Single(LiftRemovalHoldHandler.Decide(held, new LiftRemovalHold(ReturnId, null, "doctor"), Now)));
        Assert.DoesNotContain(RemovalBar.MedicalOrVulnerabilityHold, ReturnCase.Fold(held, lifted)!.RemovalBars(Now));
        Assert.Empty(LiftRemovalHoldHandler.Decide(Return(), new LiftRemovalHold(ReturnId, null, "doctor"), Now));
        Assert.Throws<CaseCommandRefused>(() => PlaceRemovalHoldHandler.Decide(Return(), new PlaceRemovalHold(ReturnId, null, "", "doctor"), Now));
    }

    [Fact]
    public void cancelling_a_removal_needs_one_scheduled()
    {
        var scheduled = new RemovalScheduled(ReturnId, DateOnly.FromDateTime(Now.UtcDateTime.AddDays(3)), "Bulgaria Air", "FB1", 2, "officer", Now.AddDays(-1));
        var cancelled = Assert.IsType<RemovalCancelled>(Assert.Single(CancelRemovalHandler.Decide(Return(ReturnDecision(), scheduled),
            new CancelRemoval(ReturnId, null, "Flight cancelled", "officer"), Now)));
        Assert.Equal("Flight cancelled", cancelled.Reason);
        Assert.Empty(CancelRemovalHandler.Decide(Return(ReturnDecision()), new CancelRemoval(ReturnId, null, "Flight cancelled", "officer"), Now));
    }

    [Fact]
    public void a_voluntary_departure_is_confirmed_only_after_a_return_decision()
    {
        Assert.IsType<VoluntaryDepartureConfirmed>(Assert.Single(ConfirmVoluntaryDepartureHandler.Decide(Return(ReturnDecision(30)),
            new ConfirmVoluntaryDeparture(ReturnId, null, "border-police"), Now)));
        var refused = Assert.Throws<CaseCommandRefused>(() => ConfirmVoluntaryDepartureHandler.Decide(Return(),
            new ConfirmVoluntaryDeparture(ReturnId, null, "border-police"), Now));
        Assert.Contains("no return decision", refused.Message);
    }

    [Fact]
    public void an_entry_ban_lasts_one_to_five_years()
    {
        var ban = Assert.IsType<EntryBanIssued>(Assert.Single(IssueEntryBanHandler.Decide(Return(ReturnDecision()),
            new IssueEntryBan(ReturnId, null, 3, "RD Art. 11(1)", "officer"), Now)));
        Assert.Equal(3, ban.Years);
        Assert.Throws<CaseCommandRefused>(() => IssueEntryBanHandler.Decide(Return(ReturnDecision()),
            new IssueEntryBan(ReturnId, null, 6, "RD Art. 11(1)", "officer"), Now));
        Assert.Throws<CaseCommandRefused>(() => IssueEntryBanHandler.Decide(Return(ReturnDecision()),
            new IssueEntryBan(ReturnId, null, 0, "RD Art. 11(1)", "officer"), Now));
    }

    [Fact]
    public void a_returnee_absconding_is_recorded_and_a_closed_case_refuses_it()
    {
        Assert.IsType<ReturneeAbsconded>(Assert.Single(RecordReturneeAbscondedHandler.Decide(Return(ReturnDecision()),
            new RecordReturneeAbsconded(ReturnId, null, "officer"), Now)));
        var closed = Return(new ReturnCaseClosed(ReturnId, "Removed", "officer", Now.AddDays(-1)));
        var refused = Assert.Throws<CaseCommandRefused>(() => RecordReturneeAbscondedHandler.Decide(closed,
            new RecordReturneeAbsconded(ReturnId, null, "officer"), Now));
        Assert.Contains("closed", refused.Message);
    }
}
