using System.Text.Json;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Apis;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.Reading;
using FastProcedures.Workflows.Kpis;
using Marten;
using Marten.Events;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary>
/// Issue 13 item 3: the hand-counted cases went through the real runtime (Wolverine, engine, Marten) into PostgreSQL;
/// <c>GET /api/kpis</c> computes their KPIs from the asynchronous KPI projection. The same cases' recorded events,
/// turned into facts as the simulator turns its engine effects and events into facts, give the same figures line by
/// line through the shared <see cref="KpiDefinitions"/>.
/// </summary>
public sealed class when_live_kpis_are_compared_with_the_simulators_definitions(StatisticsCases cases) : IClassFixture<StatisticsCases>
{
    [Fact]
    public async Task the_dashboard_figures_equal_the_shared_definitions_over_the_recorded_facts()
    {
        await cases.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var (status, body, _) = await cases.Host.GetAsync(Tokens.For(Policies.Steering, "BG"), "/api/kpis?country=BG&from=2027-01-01&to=2027-04-30&every=week");
        Assert.Equal(200, status);
        var live = Assert.Single(body!["figures"].Deserialize<List<CountryKpis>>(Infrastructure.Api.Json)!);

        var streams = await CaseEvents.ReadAsync(cases.Store, "BG");
        var facts = streams.SelectMany(s => s.Events).SelectMany(e => AsSimulated(e.CaseId, e.Data)).ToList();
        var recorded = KpiDefinitions.Compute(facts, Start("2027-01-01"), Start("2027-05-01"), live.BacklogAt);

        Assert.Equal(18, live.BacklogAt.Count);
        Assert.Equal(recorded.Timers, live.Timers);
        Assert.Equal(recorded.Stages, live.Stages);
        Assert.Equal(recorded.Decisions, live.Decisions);
        Assert.Equal(recorded.Backlog.Select(b => (b.Workflow, b.Stage, string.Join(",", b.Counts))),
            live.Backlog.Select(b => (b.Workflow, b.Stage, string.Join(",", b.Counts))));
        Assert.Equal(Math.Round(recorded.ReturnRate, 4), live.ReturnRate);
        Assert.Equal(Math.Round(recorded.DecisionsWithinLimitShare, 4), live.DecisionsWithinLimitShare);
        // Hand count: C's rejection is the one final negative decision; C was removed and E departed voluntarily.
        Assert.Equal((1, 2), (live.FinalNegative, live.Returned));
        // Decisions: B granted (regular procedure), C rejected (border procedure), both within the limit.
        Assert.Equal(2, live.Decisions.Sum(d => d.Decisions));
        Assert.Equal(1.0, live.DecisionsWithinLimitShare);
        Assert.Contains(live.Stages, s => s.Workflow == "screening" && s.Cases >= 5);
        Assert.Contains(live.Timers, t => t.Met > 0);
        // The applicant's time to lodge and to appeal and the returnee's voluntary departure are windows, not limits
        // on the authority (kind: window): the live timer figures leave them out, like the simulator's.
        Assert.DoesNotContain(live.Timers, t => t.Timer is "lodging-limit" or "appeal-deadline" or "voluntary-departure");
        Assert.Contains(facts, f => f.Kind == CaseFacts.WindowOpened && f.Name == "lodging-limit");
        Assert.Contains(live.Backlog, b => b.Counts.Any(c => c > 0));
    }

    private static DateTimeOffset Start(string day) =>
        NodaTime.LocalDate.FromDateTime(DateTime.Parse(day)).AtStartOfDayInZone(WorkflowCatalog.Load().Calendar("BG").Zone).ToDateTimeOffset();

    /// <summary>The facts the simulator emits for the same engine effects and case events.</summary>
    private static IEnumerable<CaseFact> AsSimulated(string caseId, object data)
    {
        switch (data)
        {
            case IWorkflowStep step when CaseFacts.OfEffect(caseId, step.Workflow, step.Effect, step.At) is { } fact:
                yield return fact;
                break;
            case ProcedureAssigned e:
                yield return new CaseFact(caseId, CaseFacts.ProcedureAssigned, e.Procedure, "", e.AssignedAt);
                break;
            case DecisionIssued e:
                yield return new CaseFact(caseId, CaseFacts.Decision, "", e.Negative ? CaseFacts.Negative : CaseFacts.Positive, e.DecidedAt);
                break;
            case DecisionBecameFinal e:
                yield return new CaseFact(caseId, CaseFacts.Final, "", e.Negative ? CaseFacts.Negative : CaseFacts.Positive, e.BecameFinalAt);
                break;
            case RemovalExecuted e:
                yield return new CaseFact(caseId, CaseFacts.Removed, "", "", e.ExecutedAt);
                break;
            case VoluntaryDepartureConfirmed e:
                yield return new CaseFact(caseId, CaseFacts.DepartedVoluntarily, "", "", e.DepartedAt);
                break;
        }
    }
}
