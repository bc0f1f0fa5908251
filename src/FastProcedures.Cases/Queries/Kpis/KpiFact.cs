using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using FastProcedures.Workflows.Kpis;
using Described = (string Fact, string Detail, string Workflow, string Name);

namespace FastProcedures.Cases.Queries.Kpis;

/// <summary>
/// One fact a KPI counts (applications, decisions, deadlines met or breached, returns), dated by day, for the
/// Steering Committee reporting of the 2023 pilot (decisions within limit, return rate, backlog). No personal data.
/// <see cref="Workflow"/>, <see cref="Name"/> and <see cref="At"/> carry the <see cref="CaseFact"/> the shared KPI
/// definitions read (stage entry and exit instants, timer outcomes), so the live KPIs are the simulator's.
/// </summary>
public sealed class KpiFact
{
    public string Id { get; set; } = "";
    public string CaseId { get; set; } = "";
    public string Fact { get; set; } = "";
    public string Detail { get; set; } = "";
    public string Workflow { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly Day { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Writes KPI facts from the event store, asynchronously (a cross-case view, STYLE 7).</summary>
public sealed partial class KpiFactProjection : EventProjection
{
    /// <summary>
    /// The event types a KPI counts and the fact each one gives. The daemon loads only these types (its allow list),
    /// so the tasks, messages, warnings and audit events of a case's stream are never read for it.
    /// </summary>
    private static readonly Dictionary<Type, Func<object, Described?>> Counted = new(
    [
        On<ApplicationMade>(e => ("application-made", EventData.KebabCase(e.Place.ToString()), "", "")),
        On<ProcedureAssigned>(e => (CaseFacts.ProcedureAssigned, e.Procedure, e.Procedure, "")),
        On<DecisionIssued>(e => (CaseFacts.Decision, EventData.KebabCase(e.Outcome.ToString()), "", e.Negative ? CaseFacts.Negative : CaseFacts.Positive)),
        On<AppealLodged>(_ => ("appeal-lodged", "", "", "")),
        On<DecisionBecameFinal>(e => (CaseFacts.Final, e.Negative ? "negative" : "positive", "", e.Negative ? CaseFacts.Negative : CaseFacts.Positive)),
        On<ReturnDecisionIssued>(e => ("return-decision-issued", e.JointWithAsylumDecision ? "joint" : "separate", "", "")),
        On<RemovalExecuted>(_ => (CaseFacts.Removed, "", "", "")),
        On<VoluntaryDepartureConfirmed>(_ => (CaseFacts.DepartedVoluntarily, "", "", "")),
        // The workflow steps CaseFacts.OfEffect turns into facts: stage stays, timers started, met, breached, elapsed.
        On<WorkflowStageEntered>(Step),
        On<WorkflowStageLeft>(Step),
        On<DeadlineStarted>(Step),
        On<DeadlineStopped>(Step),
        On<DeadlineBreached>(Step),
        On<DeadlineElapsed>(Step),
    ]);

    public KpiFactProjection()
    {
        foreach (var type in Counted.Keys)
        {
            IncludeType(type);
        }
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        if (Describe(e.Data) is { } fact)
        {
            // The legal instant the event records (what the KPIs measure), not the commit time.
            var at = EventTime.Of(e.Data) ?? e.Timestamp;
            operations.ForTenant(e.TenantId).Store(new KpiFact
            {
                Id = e.Id.ToString(), CaseId = e.StreamKey ?? "", Fact = fact.Fact, Detail = fact.Detail,
                Workflow = fact.Workflow, Name = fact.Name, Day = DateOnly.FromDateTime(at.UtcDateTime), At = at,
            });
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The fact an event gives, or null for an event no KPI counts.</summary>
    public static Described? Describe(object data) => Counted.TryGetValue(data.GetType(), out var describe) ? describe(data) : null;

    private static KeyValuePair<Type, Func<object, Described?>> On<T>(Func<T, Described?> describe) =>
        new(typeof(T), data => describe((T)data));

    private static Described? Step(IWorkflowStep step) =>
        CaseFacts.OfEffect(step.CaseId, step.Workflow, step.Effect, step.At) is { } fact
            ? (fact.Kind, $"{fact.Workflow}/{fact.Name}", fact.Workflow, fact.Name)
            : null;

    /// <summary>The fact as the shared KPI definitions read it.</summary>
    public static CaseFact ToCaseFact(KpiFact f) => new(f.CaseId, f.Fact, f.Workflow, f.Name, f.At);
}
