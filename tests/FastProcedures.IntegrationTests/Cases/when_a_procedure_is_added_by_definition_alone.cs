using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Cases;

/// <summary>
/// A procedure is data: a ninth definition (a copy of the accelerated procedure under a new id) and a routing rule
/// sending cases to it are added to a copy of <c>workflows/</c>; with no C# change a case is routed to it, runs its
/// timers through Wolverine's scheduled messages (its windows elapsing, never breached) and gets its appeal window
/// from it.
/// </summary>
public sealed class when_a_procedure_is_added_by_definition_alone(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IDisposable
{
    private const string Ninth = "pilot-minors-procedure";
    private readonly DirectoryInfo _workflows = Directory.CreateTempSubdirectory("fastproc-ninth-");

    public void Dispose() => _workflows.Delete(true);

    private string Prepare()
    {
        WorkflowsCopy.To(_workflows.FullName);
        var accelerated = File.ReadAllText(Path.Combine(_workflows.FullName, "accelerated-procedure.yaml"));
        File.WriteAllText(Path.Combine(_workflows.FullName, Ninth + ".yaml"), accelerated
            .Replace("id: accelerated-procedure", "id: " + Ninth)
            .Replace("title: Accelerated examination procedure", "title: Pilot procedure for unaccompanied minors in the territory"));
        var rules = Path.Combine(_workflows.FullName, "data", "routing-rules.yaml");
        File.WriteAllText(rules, File.ReadAllText(rules).Replace("rules:\n", $"""
            rules:
              - id: pilot-minors
                when: {"{"} place: territory, unaccompanied-minor: true {"}"}
                procedure: {Ninth}
                ground: "APR Art. 42(1)(j)"
                legal-basis: "APR Art. 42; national pilot"

            """.Replace("\r\n", "\n"), StringComparison.Ordinal));
        return _workflows.FullName;
    }

    [Fact]
    public async Task a_case_is_routed_to_it_and_runs_its_timers()
    {
        const string id = "BG-2026-400001";
        await using var host = await database.StartHostAsync(workflowsDirectory: Prepare());
        database.Clock.Set(DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        await host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Ninth Applicant", new DateOnly(2010, 1, 1), null), "officer"));

        var (registered, tracked) = await host.SendTrackedAsync("BG", new RegisterAndRoute(id, null, false, false,
            SubsequentApplication.None, UnaccompaniedMinor: true, false, false, "officer"));

        Assert.Equal(Ninth, Assert.Single(registered.Events.OfType<ProcedureAssigned>()).Procedure);
        Assert.Contains(registered.Events.OfType<WorkflowStarted>(), w => w.Workflow == Ninth);
        var lodging = registered.Events.OfType<DeadlineStarted>().Single(d => d.Workflow == Ninth && d.Step.Timer == "lodging-limit");
        var expiry = Assert.Single(tracked.Scheduled.MessagesOf<DeadlineDue>(),
            d => d.Workflow == Ninth && d.Timer == "lodging-limit" && d.Kind == "expiry");
        Assert.Equal(lodging.Step.Schedule.ExpiresAt, expiry.DueAt);

        database.Clock.Set(expiry.DueAt.AddMinutes(1));
        await host.DeliverAsync("BG", expiry);

        var stream = await host.StreamAsync("BG", id);
        // The 21 days to lodge are the applicant's (APR Art. 28(1), kind: window): they elapse, nothing is breached, and
        // nothing is overdue on the deadline board.
        Assert.Single(stream.Steps().OfType<DeadlineElapsed>(), b => b.Workflow == Ninth && b.Step.Timer == "lodging-limit");
        Assert.Empty(stream.Steps().OfType<DeadlineBreached>());
        var summary = await host.LoadAsync<CaseSummary>("BG", id);
        Assert.Equal(0, summary!.BreachedDeadlines);
        Assert.DoesNotContain(summary.Deadlines, d => d.Timer == "lodging-limit");

        var decided = await host.SendAsync("BG", new IssueDecision(id, null, DecisionOutcome.RejectedUnfounded,
            new DecisionReason("APR Art. 39", "Unfounded."), "APR Art. 39", "officer",
            new JointReturnDecision(0, "RD Art. 6", "No right to stay.")));
        var decision = Assert.Single(decided.Events.OfType<DecisionIssued>());
        // APR Art. 67(7)(a), limb (a): Bulgaria's 7 days (appeal-window-a, calendar v2).
        Assert.Equal("P7D", decision.AppealWindow);
        Assert.False(decision.AppealSuspendsRemoval);
    }

    /// <summary>The return side too: a copy of the return procedure under a new id, started (<c>starts-on</c>,
    /// <c>starts-when</c>) by return cases opened for an irregular stay. Definitions starting on one event are tried in
    /// id order; the first whose guard holds starts.</summary>
    [Fact]
    public async Task a_return_case_starts_a_return_procedure_added_by_definition_alone_and_runs_its_timers()
    {
        const string added = "return-irregular-stay-procedure";
        const string id = "BG-2026-400002";
        WorkflowsCopy.To(_workflows.FullName);
        var ordinary = File.ReadAllText(Path.Combine(_workflows.FullName, "return-procedure.yaml"));
        Assert.Contains("starts-on: [ReturnCaseOpened, ReturnBorderProcedureEnded]\nstarts-when: \"border_procedure != true\"\n", ordinary);
        File.WriteAllText(Path.Combine(_workflows.FullName, added + ".yaml"), ordinary
            .Replace("id: return-procedure", "id: " + added)
            .Replace("starts-on: [ReturnCaseOpened, ReturnBorderProcedureEnded]\nstarts-when: \"border_procedure != true\"\n",
                "starts-on: ReturnCaseOpened\nstarts-when: \"basis == 'irregular-stay'\"\n"));
        await using var host = await database.StartHostAsync(workflowsDirectory: _workflows.FullName);
        database.Clock.Set(DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));

        var (opened, tracked) = await host.SendTrackedAsync("BG", new FastProcedures.Cases.Return.OpeningReturnCase.OpenReturnCase(
            id, "BG", "TUN", new JointReturnDecision(14, "RD Art. 6(1), 7(1)", "Irregular stay."), "officer"));

        Assert.Equal([added], opened.Events.OfType<WorkflowStarted>().Select(w => w.Workflow));
        var departure = opened.Events.OfType<DeadlineStarted>().Single(d => d.Workflow == added && d.Step.Timer == "voluntary-departure");
        var expiry = Assert.Single(tracked.Scheduled.MessagesOf<DeadlineDue>(),
            d => d.Workflow == added && d.Timer == "voluntary-departure" && d.Kind == "expiry");
        Assert.Equal(departure.Step.Schedule.ExpiresAt, expiry.DueAt);

        database.Clock.Set(expiry.DueAt.AddMinutes(1));
        await host.DeliverAsync("BG", expiry);

        var stream = await host.StreamAsync("BG", id);
        // The returnee's period to depart is a window (RD Art. 7(1), kind: window): it elapses, it is not breached.
        Assert.Single(stream.Steps().OfType<DeadlineElapsed>(), b => b.Workflow == added && b.Step.Timer == "voluntary-departure");
    }
}
