using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Detaining;
using FastProcedures.Cases.Asylum.DeterminingResponsibility;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Asylum.LeavingBorderProcedure;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Cases;

/// <summary>
/// The legal facts of revision 2 of the legal reference, recorded through the use cases and run through the pinned
/// definitions on a real database: the right to remain (APR Art. 68), the notification of a decision (APR Art.
/// 67(7)), what an appeal is against, leaving the border procedure (APR Art. 53(2)), the apprehension instant
/// (Screening Reg. Art. 8(3)) and detention adding up (RD Art. 15(5)-(6)).
/// </summary>
public sealed class when_the_law_records_a_legal_fact(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly JointReturnDecision Joint = new(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection.");

    private async Task RejectedAtTheBorder(string id, bool notifiedLater = false)
    {
        database.Clock.Set(DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails("Border Applicant", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
        await _host.SendAsync("BG", new LodgeApplication(id, null, "officer"));
        database.Clock.Set(DateTimeOffset.Parse("2026-07-15T10:00:00+03:00"));
        await _host.SendAsync("BG", new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Recognition rate below 20 %."), "APR Art. 39", "officer", Joint, notifiedLater));
    }

    // APR Art. 43(3)(c) and 68: "a court or tribunal has decided that the applicant is not to be allowed to remain
    // pending the outcome of an appeal procedure": the right to remain ends, the border limit stops (Art. 51(2)) and
    // the return border procedure's 12 weeks start that day (RBPR Art. 4(2)).
    [Fact]
    public async Task a_court_refusing_the_request_to_remain_ends_the_border_limit_and_starts_the_rbpr_twelve_weeks()
    {
        const string id = "BG-2026-810001";
        await RejectedAtTheBorder(id);
        database.Clock.Set(DateTimeOffset.Parse("2026-07-17T10:00:00+03:00"));
        var lodged = await _host.SendAsync("BG", new LodgeAppeal(id, null, "Administrative Court Haskovo", null, "officer", null, true));
        Assert.False(Assert.Single(lodged.Events.OfType<AppealLodged>()).SuspensiveEffect);
        Assert.Empty(lodged.Events.OfType<RightToRemainEnded>());

        // While the request to remain is pending the person may remain: removal is barred.
        var refused = await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new ExecuteRemoval(id + "-R", null, "officer")));
        Assert.Contains("allowed the person to remain", refused.Message);

        database.Clock.Set(DateTimeOffset.Parse("2026-07-20T10:00:00+03:00"));
        var decided = await _host.SendAsync("BG", new DecideRequestToRemain(id, null, false, "officer"));

        var ended = Assert.Single(decided.Events.OfType<RightToRemainEnded>());
        Assert.Equal(RightToRemainEndReason.RequestToRemainRefused, ended.Reason);
        Assert.Contains(decided.Events.OfType<DeadlineStopped>(), d => d.Step.Timer == "border-procedure-limit" && d.Step.Met);
        var returnCase = await _host.LoadAsync<ReturnCase>("BG", id + "-R");
        Assert.Equal(ended.EndedAt, returnCase!.RightToRemainEndedAt);
        Assert.DoesNotContain(RemovalBar.RightToRemain, returnCase.RemovalBars(ended.EndedAt));
        var rbpr = Assert.Single((await _host.StreamAsync("BG", id + "-R")).Steps().OfType<DeadlineStarted>(),
            d => d.Step.Timer == "return-border-limit");
        // 12 weeks from Monday 20 July 2026 end with Monday 12 October 2026 (Reg. 1182/71 Art. 3(2)(c)).
        Assert.Equal(DateTimeOffset.Parse("2026-10-13T00:00:00+03:00"), rbpr.Step.Schedule.ExpiresAt);
    }

    // APR Art. 68(3), 43(3)(b): an appeal without suspensive effect and no request to be allowed to remain.
    [Fact]
    public async Task an_appeal_without_suspensive_effect_and_no_request_to_remain_ends_the_right_to_remain_at_once()
    {
        const string id = "BG-2026-810002";
        await RejectedAtTheBorder(id);
        database.Clock.Set(DateTimeOffset.Parse("2026-07-17T10:00:00+03:00"));
        var lodged = await _host.SendAsync("BG", new LodgeAppeal(id, null, "Administrative Court Haskovo", false, "officer"));

        Assert.Equal(RightToRemainEndReason.NoRequestToRemain, Assert.Single(lodged.Events.OfType<RightToRemainEnded>()).Reason);
        var asylum = await _host.LoadAsync<AsylumCase>("BG", id);
        Assert.Equal("appeal", asylum!.Workflows.StageOf("border-procedure"));
        var ended = Assert.Single(lodged.Events.OfType<RightToRemainEnded>()).EndedAt;
        Assert.Equal(ended, (await _host.LoadAsync<ReturnCase>("BG", id + "-R"))!.RightToRemainEndedAt);
    }

    // APR Art. 68(2): the right to remain lasts "until the time limit within which they can exercise their right to an
    // effective remedy ... has expired": it ends at the window's end, whenever the fact is recorded.
    [Fact]
    public async Task a_window_passed_without_appeal_ends_the_right_to_remain_when_the_window_ended()
    {
        const string id = "BG-2026-810003";
        await RejectedAtTheBorder(id);
        var decision = (await _host.LoadAsync<AsylumCase>("BG", id))!.Decision!;
        database.Clock.Set(decision.AppealWindowEndsAt!.Value.AddDays(2));

        var final = await _host.SendAsync("BG", new RecordFinalDecision(id, null, "officer"));

        var ended = Assert.Single(final.Events.OfType<RightToRemainEnded>());
        Assert.Equal((RightToRemainEndReason.AppealWindowPassed, decision.AppealWindowEndsAt.Value), (ended.Reason, ended.EndedAt));
        Assert.Equal(decision.AppealWindowEndsAt, (await _host.LoadAsync<ReturnCase>("BG", id + "-R"))!.RightToRemainEndedAt);
    }

    // APR Art. 67(7): the appeal window counts from the notification of the decision, not from the decision.
    [Fact]
    public async Task a_decision_notified_later_opens_its_appeal_window_from_the_notification()
    {
        const string id = "BG-2026-810004";
        await RejectedAtTheBorder(id, notifiedLater: true);
        var issued = (await _host.LoadAsync<AsylumCase>("BG", id))!;
        Assert.Null(issued.Decision!.AppealWindowEndsAt);
        Assert.DoesNotContain(issued.Workflows.LiveDeadlines(), d => d.Timer.Id == "appeal-deadline");
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new RecordFinalDecision(id, null, "officer")));

        database.Clock.Set(DateTimeOffset.Parse("2026-07-21T16:00:00+03:00"));
        var notified = await _host.SendAsync("BG", new RecordDecisionNotification(id, null,
            DateTimeOffset.Parse("2026-07-20T11:00:00+03:00"), "officer"));

        // 7 days (BG, limb (a)) from Monday 20 July end with Monday 27 July.
        var window = Assert.Single(notified.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "appeal-deadline");
        Assert.Equal(DateTimeOffset.Parse("2026-07-28T00:00:00+03:00"), window.Step.Schedule.ExpiresAt);
        Assert.Equal(window.Step.Schedule.ExpiresAt, Assert.Single(notified.Events.OfType<DecisionNotified>()).AppealWindowEndsAt);
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new RecordDecisionNotification(id, null,
            DateTimeOffset.Parse("2026-07-21T11:00:00+03:00"), "officer")));
    }

    // AMMR Art. 43 and 46(1): an appeal against the transfer decision is not an asylum appeal.
    [Fact]
    public async Task an_appeal_against_the_transfer_decision_leaves_the_asylum_window_open()
    {
        const string id = "BG-2026-810005";
        await RejectedAtTheBorder(id);
        var lodged = await _host.SendAsync("BG", new LodgeAppeal(id, null, "Administrative Court Sofia", true, "officer",
            AppealAgainst.TransferDecision));

        Assert.Equal(AppealAgainst.TransferDecision, Assert.Single(lodged.Events.OfType<AppealLodged>()).Against);
        var asylum = await _host.LoadAsync<AsylumCase>("BG", id);
        Assert.True(asylum!.AppealWindowOpen);
        Assert.Equal("appeal-window", asylum.Workflows.StageOf("border-procedure"));
        var decided = await _host.SendAsync("BG", new DecideAppeal(id, null, AppealOutcome.Dismissed, "officer", AppealAgainst.TransferDecision));
        Assert.Empty(decided.Events.OfType<DecisionBecameFinal>());
        Assert.Empty(decided.Events.OfType<RightToRemainEnded>());
    }

    // APR Art. 53(2): the border procedure no longer applies; the applicant is authorised to enter.
    [Fact]
    public async Task leaving_the_border_procedure_continues_the_examination_in_the_territory()
    {
        const string id = "BG-2026-810006";
        database.Clock.Set(DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails("Leaving Applicant", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));

        var left = await _host.SendAsync("BG", new LeaveBorderProcedure(id, null, BorderProcedureLeavingGround.MedicalReasons,
            "Hospitalised.", "officer"));

        Assert.Single(left.Events.OfType<BorderProcedureLeft>());
        Assert.Contains(left.Events.OfType<DeadlineStopped>(), d => d.Step.Timer == "border-procedure-limit");
        Assert.Equal("territory-procedure", (await _host.LoadAsync<AsylumCase>("BG", id))!.Workflows.StageOf("border-procedure"));
        Assert.Empty((await _host.SendAsync("BG", new LeaveBorderProcedure(id, null, BorderProcedureLeavingGround.MedicalReasons,
            "Hospitalised.", "officer"))).Events);

        const string regular = "BG-2026-810007";
        await _host.SendAsync("BG", new MakeApplication(regular, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Territory Applicant", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(regular, null, "regular-procedure", "none", "APR Art. 35(4)", "officer"));
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new LeaveBorderProcedure(regular, null,
            BorderProcedureLeavingGround.GroundsNoLongerApply, "n/a", "officer")));
    }

    // Screening Reg. Art. 8(3): "within seven days from the apprehension in the external border area, the
    // disembarkation ... or the presentation at the border crossing point"; over 72 hours at the border: four days
    // "thereafter".
    [Fact]
    public async Task screening_counts_from_the_apprehension_and_after_72_hours_at_the_border_from_their_end()
    {
        database.Clock.Set(DateTimeOffset.Parse("2026-07-04T10:00:00+03:00"));
        var apprehended = DateTimeOffset.Parse("2026-07-01T22:30:00+03:00");
        var made = await _host.SendAsync("BG", new MakeApplication("BG-2026-810008", "BG", ApplicationPlace.Border, "Lesovo", "AFG", false,
            new PersonalDetails("Apprehended Applicant", null, null), "officer", apprehended));
        var held = await _host.SendAsync("BG", new MakeApplication("BG-2026-810009", "BG", ApplicationPlace.Border, "Lesovo", "AFG", false,
            new PersonalDetails("Held Applicant", null, null), "officer", apprehended, true));

        // 7 days from Wednesday 1 July end with Wednesday 8 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-09T00:00:00+03:00"),
            Assert.Single(made.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "screening-border-limit").Step.Schedule.ExpiresAt);
        // 72 hours end on Saturday 4 July 23:00; 4 days from that day end with Wednesday 8 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-09T00:00:00+03:00"),
            Assert.Single(held.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "screening-border-after-72-hours").Step.Schedule.ExpiresAt);
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new MakeApplication("BG-2026-810010", "BG",
            ApplicationPlace.Border, "Lesovo", "AFG", false, new PersonalDetails("Future", null, null), "officer",
            DateTimeOffset.Parse("2026-07-05T10:00:00+03:00"))));
    }

    // RD Art. 15(5)-(6), CJEU C-357/09 PPU Kadzoev: earlier detention for removal counts towards the maximum.
    [Fact]
    public async Task detention_for_removal_adds_up_the_days_served_before()
    {
        const string id = "BG-2026-810011";
        database.Clock.Set(DateTimeOffset.Parse("2026-09-01T10:00:00+03:00"));
        await _host.SendAsync("BG", new OpenReturnCase(id, "BG", "TUN", new JointReturnDecision(0, "RD Art. 6(1)", "Irregular stay."), "officer"));

        var ordered = await _host.SendAsync("BG", new OrderDetention(id, null, "Busmantsi", "Risk of absconding.", "officer", 30));

        Assert.Equal(30, Assert.Single(ordered.Events.OfType<DetentionOrdered>()).DetentionDaysServed);
        // 6 months counted from 2 August (1 September less the 30 days served) end with 2 February 2027, not 1 March.
        var limit = Assert.Single(ordered.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "detention-limit");
        Assert.Equal(DateTimeOffset.Parse("2027-02-03T00:00:00+02:00"), limit.Step.Schedule.ExpiresAt);

        database.Clock.Set(DateTimeOffset.Parse("2026-09-10T10:00:00+03:00"));
        await _host.SendAsync("BG", new EndDetention(id, null, "Released on reporting duties.", "officer"));
        var returnCase = await _host.LoadAsync<ReturnCase>("BG", id);
        Assert.Equal(40, returnCase!.DetentionDaysServed);
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG",
            new OrderDetention(id, null, "Busmantsi", "Risk of absconding.", "officer", 10)));
    }

    // AMMR Art. 45(1)-(2): for a detained applicant the request "shall not exceed two weeks from the registration of
    // the application"; the requested State replies "within one week", failure to reply being acceptance.
    [Fact]
    public async Task a_detained_applicant_gets_the_short_ammr_limits_counted_from_registration()
    {
        const string id = "BG-2026-810012";
        database.Clock.Set(DateTimeOffset.Parse("2026-07-06T10:00:00+03:00"));
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Detained Applicant", null, null), "officer"));
        await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new StartResponsibilityCheck(id, null, "officer")));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "regular-procedure", "none", "APR Art. 35(4)", "officer"));
        await _host.SendAsync("BG", new DetainApplicant(id, null, "Busmantsi", "AMMR Art. 44: risk of absconding.", "officer"));

        database.Clock.Set(DateTimeOffset.Parse("2026-07-08T10:00:00+03:00"));
        var started = await _host.SendAsync("BG", new StartResponsibilityCheck(id, null, "officer"));

        Assert.True(Assert.Single(started.Events.OfType<ResponsibilityCheckStarted>()).Detained);
        // 2 weeks from Monday 6 July (registration, not the start of the check) end with Monday 20 July.
        var request = Assert.Single(started.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "take-charge-request-detained");
        Assert.Equal(DateTimeOffset.Parse("2026-07-21T00:00:00+03:00"), request.Step.Schedule.ExpiresAt);
        Assert.DoesNotContain(started.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "take-charge-request");

        var sent = await _host.SendAsync("BG", new SendTakeChargeRequest(id, null, "DE", false, "officer"));
        var reply = Assert.Single(sent.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "take-charge-reply-detained");
        // 1 week from Wednesday 8 July: Wednesday 15 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-16T00:00:00+03:00"), reply.Step.Schedule.ExpiresAt);
        Assert.Contains(sent.Events.OfType<DeadlineStopped>(), d => d.Step.Timer == "take-charge-request-detained");
    }

    // AMMR Art. 45(1): "Where a person is detained at a later stage than the registration of the application, the
    // period ... shall not exceed one week from the date on which the person was placed in detention."
    [Fact]
    public async Task a_detention_after_the_check_started_gives_one_week_from_the_detention()
    {
        const string id = "BG-2026-810013";
        database.Clock.Set(DateTimeOffset.Parse("2026-07-06T10:00:00+03:00"));
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Later Detained", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "regular-procedure", "none", "APR Art. 35(4)", "officer"));
        var started = await _host.SendAsync("BG", new StartResponsibilityCheck(id, null, "officer"));
        Assert.Single(started.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "take-charge-request");

        database.Clock.Set(DateTimeOffset.Parse("2026-08-03T10:00:00+03:00"));
        var detained = await _host.SendAsync("BG", new DetainApplicant(id, null, "Busmantsi", "AMMR Art. 44.", "officer"));

        // 1 week from Monday 3 August: Monday 10 August.
        var later = Assert.Single(detained.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "take-charge-request-detained-later");
        Assert.Equal(DateTimeOffset.Parse("2026-08-11T00:00:00+03:00"), later.Step.Schedule.ExpiresAt);
    }
}
