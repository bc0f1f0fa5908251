using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Running;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Cases;

/// <summary>
/// The in-memory case runner (<c>fastproc what-if</c>, the simulation) must decide what production decides: the same
/// commands, sent through Wolverine and Marten on real PostgreSQL and through the runner at the same instants, give
/// both cases the same events, workflow effects included, and the messages between units reach the same cases.
/// </summary>
public sealed class when_the_in_memory_runner_runs_what_production_runs(DatabaseFixture database)
    : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Id = "BG-2026-200001";
    private const string ReturnId = Id + "-R";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_pilot_path_records_the_same_events_on_both_cases()
    {
        object[] commands =
        [
            new MakeApplication(Id, "BG", ApplicationPlace.Border, "Lesovo border crossing", "MAR", false,
                new PersonalDetails("Test Applicant", null, null), "officer-reception"),
            new StartScreening(Id, null, "officer-reception"),
            new TakeBiometrics(Id, null, "EURODAC-BG-1", "officer-reception"),
            new CompleteScreening(Id, null, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, "officer-reception"),
            new RegisterApplication(Id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer-reception"),
            new LodgeApplication(Id, null, "officer-asylum"),
            new HoldInterview(Id, null, "officer-asylum"),
            new IssueDecision(Id, null, DecisionOutcome.RejectedManifestlyUnfounded,
                new DecisionReason("APR Art. 42(1)(j)", "Recognition rate below 20 %."), "APR Art. 39", "officer-asylum",
                new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection.")),
            new LodgeAppeal(Id, null, "Administrative Court Haskovo", true, "officer-asylum"),
            new DecideAppeal(Id, null, AppealOutcome.Dismissed, "officer-asylum"),
        ];
        var recorded = new Dictionary<string, List<object>>();
        var runner = new CaseRunner(_host.Services.GetRequiredService<WorkflowCatalog>())
        {
            Recorded = (caseId, e) => (recorded.TryGetValue(caseId, out var list) ? list : recorded[caseId] = []).Add(e),
        };

        foreach (var command in commands)
        {
            var change = await _host.SendAsync("BG", command);
            runner.Send(command, EventTime.Of(change.Events[0])!.Value);
        }

        var asylum = (await _host.StreamAsync("BG", Id)).Select(e => e.Data).ToList();
        var returns = (await _host.StreamAsync("BG", ReturnId)).Select(e => e.Data).ToList();
        Assert.Equal(asylum.Select(Describe), recorded[Id].Select(Describe));
        // The return case hears from the asylum unit through messages, which production handles as they come.
        Assert.Equal(returns.Select(Describe).Order(), recorded[ReturnId].Select(Describe).Order());
        Assert.Contains(recorded[ReturnId], e => e is FastProcedures.Cases.Return.HandOverReceived);
        Assert.Equal("handed-to-return", runner.AsylumCases[Id].Workflows.StageOf("border-procedure"));
        Assert.True(runner.AsylumCases[Id].HandOverConfirmed);
    }

    /// <summary>An event by its type, and a workflow event by what the engine decided (instants differ by the
    /// milliseconds production takes to carry a message between units).</summary>
    private static string Describe(object e) => e switch
    {
        IWorkflowStep step => $"{step.Workflow}: {System.Text.RegularExpressions.Regex.Replace(RunText.Describe(step.Effect), @"expires \S+", "expires …")}",
        WorkflowStarted started => $"{started.Workflow} v{started.Version} started on {started.StartedOn}",
        _ => e.GetType().Name,
    };
}
