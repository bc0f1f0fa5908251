using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.FollowingAsylumCase;
using static FastProcedures.IntegrationTests.Decisions.Cases;

namespace FastProcedures.IntegrationTests.Decisions;

/// <summary>APR Art. 68 as pure decisions: which command ends the right to remain, when, and how the return case
/// follows (the removal bar <c>RightToRemain</c>).</summary>
public sealed class when_the_right_to_remain_is_decided
{
    private static readonly DecisionIssued Rejection = new(AsylumId, DecisionOutcome.RejectedManifestlyUnfounded, true,
        new DecisionReason("APR Art. 42(1)(j)", "Low recognition rate."), "APR Art. 39", "officer", Now.AddDays(-8), "P7D",
        Now.AddDays(-1), false, new JointReturnDecision(0, "RD Art. 6", "Rejected."), Now.AddDays(-8));

    private static AppealLodged Appeal(bool suspensive, bool requests = false, AppealAgainst against = AppealAgainst.AsylumDecision) =>
        new(AsylumId, suspensive, "Court", "officer", Now.AddDays(-5), against, requests);

    [Fact]
    public void a_suspensive_appeal_keeps_the_right_to_remain_and_a_dismissal_ends_it_then()
    {
        var lodged = LodgeAppealHandler.Decide(Asylum(Rejection), new LodgeAppeal(AsylumId, null, "Court", true, "officer"), Now);
        Assert.IsType<AppealLodged>(Assert.Single(lodged));

        var decided = DecideAppealHandler.Decide(Asylum(Rejection, Appeal(true)), new DecideAppeal(AsylumId, null, AppealOutcome.Dismissed, "officer"), Now);

        var ended = Assert.Single(decided.OfType<RightToRemainEnded>());
        Assert.Equal((RightToRemainEndReason.AppealDismissed, Now), (ended.Reason, ended.EndedAt));
        Assert.Single(decided.OfType<DecisionBecameFinal>());
    }

    [Fact]
    public void an_upheld_appeal_leaves_the_right_to_remain_alone()
    {
        var decided = DecideAppealHandler.Decide(Asylum(Rejection, Appeal(true)), new DecideAppeal(AsylumId, null, AppealOutcome.Upheld, "officer"), Now);
        Assert.IsType<AppealDecided>(Assert.Single(decided));
    }

    // APR Art. 68(3), 43(3)(b): no suspensive effect and no request to be allowed to remain within the time limit.
    [Fact]
    public void without_suspensive_effect_only_a_request_to_remain_keeps_the_person_from_removal()
    {
        var without = LodgeAppealHandler.Decide(Asylum(Rejection), new LodgeAppeal(AsylumId, null, "Court", null, "officer"), Now);
        Assert.Equal(RightToRemainEndReason.NoRequestToRemain, Assert.Single(without.OfType<RightToRemainEnded>()).Reason);

        var with = LodgeAppealHandler.Decide(Asylum(Rejection), new LodgeAppeal(AsylumId, null, "Court", null, "officer", null, true), Now);
        Assert.True(Assert.Single(with.OfType<AppealLodged>()).RequestsToRemain);
        Assert.Empty(with.OfType<RightToRemainEnded>());
        Assert.True(Asylum(Rejection, Appeal(false, requests: true)).MayRemainPendingRequest);
    }

    // APR Art. 43(3)(c): "a court or tribunal has decided that the applicant is not to be allowed to remain".
    [Fact]
    public void the_court_decides_the_request_to_remain_once()
    {
        var pending = Asylum(Rejection, Appeal(false, requests: true));
        var refused = DecideRequestToRemainHandler.Decide(pending, new DecideRequestToRemain(AsylumId, null, false, "officer"), Now);
        Assert.Equal(RightToRemainEndReason.RequestToRemainRefused, Assert.IsType<RightToRemainEnded>(Assert.Single(refused)).Reason);

        var allowed = DecideRequestToRemainHandler.Decide(pending, new DecideRequestToRemain(AsylumId, null, true, "officer"), Now);
        var remain = Assert.IsType<RemainAllowed>(Assert.Single(allowed));
        Assert.Empty(DecideRequestToRemainHandler.Decide(AsylumCase.Fold(pending, remain), new DecideRequestToRemain(AsylumId, null, true, "officer"), Now));
        Assert.Throws<CaseCommandRefused>(() => DecideRequestToRemainHandler.Decide(Asylum(Rejection, Appeal(true)),
            new DecideRequestToRemain(AsylumId, null, false, "officer"), Now));
    }

    // APR Art. 68(2): the right to remain lasts until the appeal window has expired.
    [Fact]
    public void a_window_passed_without_appeal_ends_the_right_to_remain_at_the_end_of_the_window()
    {
        var final = RecordFinalDecisionHandler.Decide(Asylum(Rejection), new RecordFinalDecision(AsylumId, null, "officer"), Now);
        var ended = Assert.Single(final.OfType<RightToRemainEnded>());
        Assert.Equal((RightToRemainEndReason.AppealWindowPassed, Rejection.AppealWindowEndsAt!.Value), (ended.Reason, ended.EndedAt));
    }

    // AMMR Art. 43, 46(1): a transfer appeal is not an asylum appeal.
    [Fact]
    public void a_transfer_appeal_neither_opens_the_asylum_appeal_nor_makes_the_decision_final()
    {
        var lodged = LodgeAppealHandler.Decide(Asylum(Rejection), new LodgeAppeal(AsylumId, null, "Court", true, "officer", AppealAgainst.TransferDecision), Now);
        var state = Asylum(Rejection, Assert.IsType<AppealLodged>(Assert.Single(lodged)));
        Assert.Null(state.Appeal);
        Assert.True(state.AppealWindowOpen);

        var decided = DecideAppealHandler.Decide(state, new DecideAppeal(AsylumId, null, AppealOutcome.Dismissed, "officer", AppealAgainst.TransferDecision), Now);
        Assert.Equal(AppealAgainst.TransferDecision, Assert.IsType<AppealDecided>(Assert.Single(decided)).Against);
        Assert.Throws<CaseCommandRefused>(() => LodgeAppealHandler.Decide(Asylum(Rejection),
            new LodgeAppeal(AsylumId, null, "Court", null, "officer", AppealAgainst.TransferDecision), Now));
    }

    [Fact]
    public void the_return_case_is_barred_while_the_person_may_remain_and_free_when_the_right_ends()
    {
        var linked = Return(new ReturnCaseOpened(ReturnId, "BG", ReturnBasis.AsylumRejection, AsylumId, true, "MAR", "officer", Now.AddDays(-8)));
        var allowed = LinkedAsylumStatusHandler.Decide(linked, new LinkedAsylumStatus(AsylumId, ReturnId, "BG", false, false, false, false,
            Now.AddDays(-5), null, true));
        var barred = allowed.Aggregate(linked, (s, e) => ReturnCase.Fold(s, e)!);
        Assert.Contains(RemovalBar.RightToRemain, barred.RemovalBars(Now));

        var end = new RightToRemainEnded(AsylumId, RightToRemainEndReason.RequestToRemainRefused, Now.AddDays(-1), "officer", Now.AddDays(-1));
        var ended = LinkedAsylumStatusHandler.Decide(barred, new LinkedAsylumStatus(AsylumId, ReturnId, "BG", false, false, false, false,
            Now.AddDays(-1), end, false));
        var recorded = Assert.IsType<LinkedAsylumStatusChanged>(Assert.Single(ended));
        Assert.Equal((ReturnId, RightToRemainEndReason.RequestToRemainRefused, (DateTimeOffset?)Now.AddDays(-1)),
            (recorded.CaseId, recorded.Reason, recorded.EndedAt));
        var free = ended.Aggregate(barred, (s, e) => ReturnCase.Fold(s, e)!);
        Assert.DoesNotContain(RemovalBar.RightToRemain, free.RemovalBars(Now));
        Assert.Equal(Now.AddDays(-1), free.RightToRemainEndedAt);
    }

    // RD Art. 15(5)-(6): every detention for removal of the person counts; a started day counts.
    [Fact]
    public void detention_days_served_add_up_across_orders()
    {
        var state = Return(
            new DetentionOrdered(ReturnId, "Busmantsi", "Risk", "officer", Now.AddDays(-40), 12),
            new DetentionEnded(ReturnId, "Released", "officer", Now.AddDays(-31)),
            new DetentionOrdered(ReturnId, "Busmantsi", "Risk", "officer", Now.AddDays(-20), 22),
            new DetentionEnded(ReturnId, "Released", "officer", Now.AddDays(-20)));
        Assert.Equal(12 + 10 + 1, state.DetentionDaysServed);
        Assert.False(state.Detained);
    }
}
