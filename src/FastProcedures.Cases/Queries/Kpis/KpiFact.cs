using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Workflows;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace FastProcedures.Cases.Queries.Kpis;

/// <summary>
/// One fact a KPI counts (applications, decisions, deadlines met or breached, returns), dated by day, for the
/// Steering Committee reporting of the 2023 pilot (decisions within limit, return rate, backlog). No personal data.
/// </summary>
public sealed class KpiFact
{
    public string Id { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string Fact { get; set; } = "";
    public string Detail { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Writes KPI facts from the event store, asynchronously (a cross-case view, STYLE 7).</summary>
public sealed partial class KpiFactProjection : EventProjection
{
    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (Describe(e.Data) is { } fact)
        {
            operations.ForTenant(e.TenantId).Store(new KpiFact
            {
                Id = e.Id.ToString(), CaseId = e.StreamKey ?? "", Fact = fact.Fact, Detail = fact.Detail,
                Day = DateOnly.FromDateTime(e.Timestamp.UtcDateTime), At = e.Timestamp,
            });
        }
        return ValueTask.CompletedTask;
    }

    public static (string Fact, string Detail)? Describe(object data) => data switch
    {
        ApplicationMade e => ("application-made", EventData.KebabCase(e.Place.ToString())),
        ProcedureAssigned e => ("procedure-assigned", e.Procedure),
        DecisionIssued e => ("decision-issued", EventData.KebabCase(e.Outcome.ToString())),
        AppealLodged => ("appeal-lodged", ""),
        DecisionBecameFinal e => ("decision-final", e.Negative ? "negative" : "positive"),
        DeadlineStopped e when e.Step.Met => ("deadline-met", $"{e.Workflow}/{e.Step.Timer}"),
        DeadlineBreached e => ("deadline-breached", $"{e.Workflow}/{e.Step.Timer}"),
        ReturnDecisionIssued e => ("return-decision-issued", e.JointWithAsylumDecision ? "joint" : "separate"),
        RemovalExecuted => ("removal-executed", ""),
        VoluntaryDepartureConfirmed => ("voluntary-departure", ""),
        _ => null,
    };
}
