using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;

namespace FastProcedures.IntegrationTests.Cases;

/// <summary>
/// The 2023 pilot path end to end on real PostgreSQL: application at the border, screening, registration into the
/// border procedure, rejection with a joint return decision, appeal dismissed, hand-over, removal.
/// </summary>
public sealed class when_a_case_walks_the_pilot_path(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Id = "BG-2026-100001";
    private const string ReturnId = Id + "-R";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task every_unit_acts_in_turn_and_every_deadline_starts_and_stops_as_the_law_says()
    {
        await _host.SendAsync("BG", new MakeApplication(Id, "BG", ApplicationPlace.Border, "Lesovo border crossing", "MAR", false,
            new PersonalDetails("Test Applicant", new DateOnly(1995, 3, 1), null), "officer-reception"));
        await _host.SendAsync("BG", new StartScreening(Id, null, "officer-reception"));
        await _host.SendAsync("BG", new TakeBiometrics(Id, null, "EURODAC-BG-1", "officer-reception"));
        await _host.SendAsync("BG", new CompleteScreening(Id, null, true, true, [], SecurityCheckOutcome.Clear,
            ScreeningReferral.Asylum, "officer-reception"));
        var registered = await _host.SendAsync("BG", new RegisterApplication(Id, null, "border-procedure", "APR Art. 42(1)(j)",
            "APR Art. 45(1)", "officer-reception"));

        var stream = await _host.StreamAsync("BG", Id);
        Assert.Contains(stream, e => e.Data is CaseAcceptedByUnit { Unit: "asylum" });
        var border = Assert.Single(stream.Select(e => e.Data).OfType<WorkflowStarted>(), w => w.Workflow == "border-procedure");
        Assert.Matches("^[0-9a-f]{64}$", border.Hash);
        Assert.Contains(registered.Events.OfType<DeadlineStarted>(),
            d => d.Step.Timer == "border-procedure-limit" && d.Step.Period == "P12W" && d.Step.LegalBasis == "APR Art. 51(2)");
        Assert.Contains(stream.Steps().OfType<DeadlineStopped>(), d => d.Step.Timer == "registration-limit" && d.Step.Met);
        Assert.Contains(stream.Steps().OfType<DeadlineStopped>(), d => d.Step.Timer == "eurodac-biometrics" && d.Step.Met);

        await _host.SendAsync("BG", new LodgeApplication(Id, null, "officer-asylum"));
        await _host.SendAsync("BG", new HoldReturnCounselling(Id, null, "officer-return"));
        await _host.SendAsync("BG", new HoldInterview(Id, null, "officer-asylum"));
        var decided = await _host.SendAsync("BG", new IssueDecision(Id, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Nationality with an EU-wide recognition rate below 20 %."), "APR Art. 39",
            "officer-asylum", new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection.")));

        var decision = Assert.Single(decided.Events.OfType<DecisionIssued>());
        // APR Art. 67(7)(a), limb (a): Bulgaria's 7 days (appeal-window-a, calendar v2).
        Assert.Equal("P7D", decision.AppealWindow);
        Assert.False(decision.AppealSuspendsRemoval);
        Assert.Contains(decided.Events.OfType<DeadlineStarted>(), d => d.Step.Timer == "appeal-deadline");
        var returnCase = await _host.LoadAsync<ReturnCase>("BG", ReturnId);
        Assert.NotNull(returnCase);
        Assert.True(returnCase.Decision!.JointWithAsylumDecision);
        Assert.Equal(Id, returnCase.AsylumCaseId);
        Assert.Equal("return-border-procedure", Assert.Single(returnCase.Workflows.Instances.Keys, k => k.StartsWith("return")));

        await _host.SendAsync("BG", new LodgeAppeal(Id, null, "Administrative Court Haskovo", true, "officer-asylum"));
        var beforeRefusal = (await _host.StreamAsync("BG", ReturnId)).Count;
        var refused = await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new ExecuteRemoval(ReturnId, null, "officer-return")));
        Assert.Contains("an appeal with suspensive effect is pending (APR Art. 68)", refused.Message);
        Assert.Equal(beforeRefusal, (await _host.StreamAsync("BG", ReturnId)).Count);

        await _host.SendAsync("BG", new DecideAppeal(Id, null, AppealOutcome.Dismissed, "officer-asylum"));

        var asylum = await _host.LoadAsync<AsylumCase>("BG", Id);
        Assert.True(asylum!.Final);
        Assert.True(asylum.HandOverConfirmed);
        Assert.Equal("handed-to-return", asylum.Workflows.StageOf("border-procedure"));
        var asylumStream = await _host.StreamAsync("BG", Id);
        Assert.Contains(asylumStream.Steps().OfType<DeadlineStopped>(), d => d.Step.Timer == "border-procedure-limit" && d.Step.Met);
        Assert.Empty(asylumStream.Steps().OfType<DeadlineBreached>());
        returnCase = await _host.LoadAsync<ReturnCase>("BG", ReturnId);
        Assert.NotNull(returnCase!.Dossier);
        Assert.Equal("MAR", returnCase.Dossier.Nationality);
        Assert.False(returnCase.SuspensiveAppealPending);

        var tomorrow = DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime.AddDays(1));
        await _host.SendAsync("BG", new ScheduleRemoval(ReturnId, null, tomorrow, "Bulgaria Air", "FB1234", 2, "officer-return"));
        var removed = await _host.SendAsync("BG", new ExecuteRemoval(ReturnId, null, "officer-return"));

        Assert.Single(removed.Events.OfType<RemovalExecuted>());
        returnCase = await _host.LoadAsync<ReturnCase>("BG", ReturnId);
        Assert.Equal("removed", returnCase!.Workflows.StageOf("return-border-procedure"));
        Assert.Empty(returnCase.Workflows.LiveDeadlines());
        // RD Art. 11(1)(a): no voluntary departure was granted; the procedure is over, but the entry ban is still owed.
        Assert.True(returnCase.EntryBanRequired);
        var (_, view, _) = await _host.GetAsync(Tokens.ReturnOfficer("BG"), $"/api/cases/{ReturnId}");
        Assert.Contains("issue-entry-ban", view!["allowedActions"]!.AsArray().Select(a => (string)a!));
        var ban = await _host.SendAsync("BG", new IssueEntryBan(ReturnId, null, 3, "RD Art. 11(1)(a)", "officer-return"));
        Assert.Single(ban.Events.OfType<EntryBanIssued>());
        (_, view, _) = await _host.GetAsync(Tokens.ReturnOfficer("BG"), $"/api/cases/{ReturnId}");
        Assert.DoesNotContain("issue-entry-ban", view!["allowedActions"]!.AsArray().Select(a => (string)a!));
    }

    [Fact]
    public async Task a_command_made_against_a_stale_version_is_refused_and_writes_nothing()
    {
        const string id = "BG-2026-100002";
        var made = await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "AFG", false,
            new PersonalDetails("Second Applicant", null, null), "officer-reception"));
        await _host.SendAsync("BG", new StartScreening(id, made.Version, "officer-reception"));
        var length = (await _host.StreamAsync("BG", id)).Count;

        var conflict = await Assert.ThrowsAsync<CaseVersionConflict>(() =>
            _host.SendAsync("BG", new TakeBiometrics(id, made.Version, "EURODAC-BG-2", "officer-reception")));

        Assert.Equal(made.Version, conflict.Expected);
        Assert.Equal(length, (await _host.StreamAsync("BG", id)).Count);
    }

    [Fact]
    public async Task a_repeated_command_appends_nothing()
    {
        const string id = "BG-2026-100003";
        var command = new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "IRQ", true,
            new PersonalDetails("Third Applicant", null, null), "officer-reception");
        await _host.SendAsync("BG", command);

        var again = await _host.SendAsync("BG", command);

        Assert.False(again.Changed);
    }

    [Fact]
    public async Task a_decision_without_a_structured_reason_is_refused()
    {
        const string id = "BG-2026-100004";
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Kapitan Andreevo", "MAR", false,
            new PersonalDetails("Fourth Applicant", null, null), "officer-reception"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));

        var refused = await Assert.ThrowsAsync<CaseCommandRefused>(() => _host.SendAsync("BG", new IssueDecision(id, null,
            DecisionOutcome.RejectedUnfounded, null, "APR Art. 39", "officer-asylum", new JointReturnDecision(7, "RD Art. 6", "x"))));

        Assert.Contains("structured reason", refused.Message);
        Assert.DoesNotContain((await _host.StreamAsync("BG", id)).Select(e => e.Data), e => e is DecisionIssued);
    }
}

public sealed class when_an_application_is_routed(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("BG-2026-500001", ApplicationPlace.Border, "MAR", false, "border-procedure", "APR Art. 42(1)(j)")]
    [InlineData("BG-2026-500002", ApplicationPlace.Territory, "SYR", false, "regular-procedure", null)]
    [InlineData("BG-2026-500003", ApplicationPlace.Border, "SYR", true, "border-procedure", "APR Art. 42(1)(f)")]
    public async Task the_routing_rules_choose_the_procedure_and_its_ground(
        string id, ApplicationPlace place, string nationality, bool securityGrounds, string procedure, string? ground)
    {
        await using var host = await database.StartHostAsync();
        await host.SendAsync("BG", new MakeApplication(id, "BG", place, "Lesovo", nationality, false,
            new PersonalDetails("Routed Applicant", null, null), "officer"));

        var change = await host.SendAsync("BG", new RegisterAndRoute(id, null, securityGrounds, false,
            FastProcedures.Workflows.Routing.SubsequentApplication.None, false, false, false, "officer"));

        var assigned = Assert.Single(change.Events.OfType<ProcedureAssigned>());
        Assert.Equal(procedure, assigned.Procedure);
        if (ground is not null)
        {
            Assert.Equal(ground, assigned.Ground);
        }
        Assert.Contains(change.Events.OfType<WorkflowStarted>(), w => w.Workflow == procedure);
    }
}

public sealed class when_a_regular_examination_is_extended(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task it_is_extended_by_six_months_and_no_further()
    {
        const string id = "BG-2026-600001";
        await using var host = await database.StartHostAsync();
        await host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Extended Applicant", null, null), "officer"));
        await host.SendAsync("BG", new RegisterApplication(id, null, "regular-procedure", "none", "APR Art. 35(4)", "officer"));
        await host.SendAsync("BG", new LodgeApplication(id, null, "officer"));

        var first = await host.SendAsync("BG", new ExtendExamination(id, null, "Complex issues of fact.", "officer"));
        var before = (await host.StreamAsync("BG", id)).Count;

        Assert.Equal("P12M", Assert.Single(first.Events.OfType<DeadlineExtended>()).Step.Period);
        // APR Art. 35(5) allows one further six months; the +3 months of the repealed Directive 2013/32 Art. 31(3)
        // is not in the definition, so a second extension is refused and nothing is recorded.
        var refused = await Assert.ThrowsAsync<CaseCommandRefused>(() =>
            host.SendAsync("BG", new ExtendExamination(id, null, "Exceptional circumstances.", "officer")));
        Assert.Contains("no further extension", refused.Message);
        Assert.Equal(before, (await host.StreamAsync("BG", id)).Count);
    }
}

public sealed class when_voluntary_departure_is_extended(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_longer_period_is_counted_again_and_a_holiday_on_its_last_day_moves_it()
    {
        const string id = "RO-2026-700001";
        await using var host = await database.StartHostAsync();
        database.Clock.Set(DateTimeOffset.Parse("2026-11-10T10:00:00+02:00"));
        await host.SendAsync("RO", new FastProcedures.Cases.Return.OpeningReturnCase.OpenReturnCase(id, "RO", "TUN",
            new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay."), "officer"));

        var extended = await host.SendAsync("RO", new FastProcedures.Cases.Return.VoluntaryDeparture.ExtendVoluntaryDeparture(
            id, null, 7, "Travel arrangements pending.", "officer"));

        // 21 days from 10 November end on Tuesday 1 December, Romania's National Day (Reg. 1182/71 Art. 3(4)):
        // the period ends with Wednesday 2 December.
        var change = Assert.Single(extended.Events.OfType<VoluntaryDepartureExtended>());
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T00:00:00+02:00"), change.EndsAt);
    }
}
