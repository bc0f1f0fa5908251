using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace FastProcedures.Cases.Queries.CaseSummaries;

public enum DeadlineStatus { Running, Suspended, Breached }

/// <summary>A deadline of a case as boards and queues show it.</summary>
public sealed record DeadlineView(
    string Workflow, string Timer, DateTimeOffset ExpiresAt, DateTimeOffset? WarnAt, DeadlineStatus Status, bool Warned,
    string LegalBasis, string Period);

/// <summary>
/// One line per case (asylum or return) for work queues and deadline boards: stage, owning unit, assignee and the
/// next legal deadline. Updated inline with every append.
/// </summary>
public sealed class CaseSummary
{
    /// <summary>Marten calls this when it maps the type: the filtered columns, without an index each.</summary>
    public static void ConfigureMarten(Marten.Schema.DocumentMapping<CaseSummary> mapping) =>
        CaseSummaryIndexes.DuplicateColumns(mapping);

    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Country { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string? Procedure { get; set; }
    public string? Stage { get; set; }
    public string? Unit { get; set; }
    public string? Assignee { get; set; }
    public string? LinkedCaseId { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
    public bool Closed { get; set; }
    public string? NextDeadlineTimer { get; set; }
    public DateTimeOffset? NextDeadlineAt { get; set; }
    public int BreachedDeadlines { get; set; }
    public List<DeadlineView> Deadlines { get; set; } = [];
    public List<string> OpenTasks { get; set; } = [];

    /// <summary>Workflows running beside the case's procedure (e.g. the AMMR responsibility determination): their
    /// stages do not set the case's stage or unit (see <see cref="CaseSummaries.Next"/>).</summary>
    public List<string> BesideWorkflows { get; set; } = [];

    /// <summary>When the asylum unit handed the case to the return unit, until the return unit acknowledges it.</summary>
    public DateTimeOffset? HandOverSentAt { get; set; }

    /// <summary>Whether a deadline of the case is breached: work queues put these cases on top (an indexed column).</summary>
    public bool Breached { get; set; }

    /// <summary><see cref="OpenedAt"/> in UTC, for the indexed column that breaks ties in work queues (a timestamptz
    /// column takes offset 0 only).</summary>
    public DateTimeOffset OpenedAtUtc { get; set; }

    /// <summary>Where the case sorts on the deadline board: the earliest expiry of a running or breached deadline, or
    /// the hand-over sent and not acknowledged (its one-working-day limit cannot end before it). Indexed with the
    /// tenant first, so a board page is read in this order and stops at the page.</summary>
    public DateTimeOffset? BoardAt { get; set; }

    /// <summary>A copy to change: the summary a snapshot carries is never changed in place.</summary>
    internal CaseSummary Copy()
    {
        var copy = (CaseSummary)MemberwiseClone();
        copy.Deadlines = [.. Deadlines];
        copy.OpenTasks = [.. OpenTasks];
        copy.BesideWorkflows = [.. BesideWorkflows];
        return copy;
    }
}

/// <summary>
/// The case summaries from the events, for rebuilds. Inline, with every command, the summary is not loaded and folded
/// here: the case's inline snapshot (<see cref="AsylumCaseProjection"/>, <see cref="ReturnCaseProjection"/>) carries it,
/// folds it with the same <see cref="CaseSummaries.Next"/> and stores it in the command's commit, so a command costs
/// no round trip for it.
/// </summary>
public sealed partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
{
    /// <summary>Inline, the snapshots store the summary: nothing to load or store here.</summary>
    protected override IInlineProjection<IDocumentOperations> buildForInline() => StoredBySnapshots.Instance;

    private sealed class StoredBySnapshots : IInlineProjection<IDocumentOperations>
    {
        public static readonly StoredBySnapshots Instance = new();

        public Task ApplyAsync(IDocumentOperations operations, IEnumerable<StreamAction> streams, CancellationToken cancellation) =>
            Task.CompletedTask;
    }

    public override CaseSummary? Evolve(CaseSummary? summary, string id, IEvent e) => CaseSummaries.Next(summary, e);
}

/// <summary>How a case's summary line follows its events: one fold, used by the inline snapshots and by rebuilds.</summary>
public static class CaseSummaries
{
    /// <summary>The facts that set a case's procedure: the case opens, or a procedure is assigned to it (or follows the
    /// return border procedure). A workflow a definition starts on any other fact (e.g. the responsibility check) runs
    /// beside the procedure, whatever its id: which workflows those are is the definitions' <c>starts-on</c>, not a list
    /// here.</summary>
    internal static readonly HashSet<string> ProcedureFacts =
    [
        nameof(ApplicationMade), nameof(ProcedureAssigned), nameof(ReturnCaseOpened), nameof(ReturnBorderProcedureEnded),
    ];

    /// <summary>The summary after <paramref name="e"/>; <paramref name="summary"/> itself is left as it was.</summary>
    public static CaseSummary? Next(CaseSummary? summary, IEvent e)
    {
        summary = e.Data switch
        {
            ApplicationMade made => new CaseSummary
            {
                Id = made.CaseId, Kind = AsylumCases.Kind.Name, Country = made.Country, Nationality = made.Nationality,
                Unit = Reception.ReceptionConfiguration.Unit, OpenedAt = made.MadeAt,
            },
            ReturnCaseOpened opened => new CaseSummary
            {
                Id = opened.CaseId, Kind = ReturnCases.Kind.Name, Country = opened.Country, Nationality = opened.Nationality,
                Unit = ReturnCases.Kind.Unit, LinkedCaseId = opened.AsylumCaseId, OpenedAt = opened.OpenedAt,
            },
            _ => summary?.Copy(),
        };
        if (summary is null)
        {
            return null;
        }
        // To the microsecond, as PostgreSQL keeps the event's timestamp: the commit and a rebuild agree.
        summary.LastChangedAt = e.Timestamp.AddTicks(-(e.Timestamp.Ticks % 10));
        switch (e.Data)
        {
            case ProcedureAssigned assigned:
                summary.Procedure = assigned.Procedure;
                break;
            case ReturnCaseLinked linked:
                summary.LinkedCaseId = linked.ReturnCaseId;
                break;
            case WorkflowStarted started when !ProcedureFacts.Contains(started.StartedOn):
                summary.BesideWorkflows.Add(started.Workflow);
                break;
            case WorkflowStarted started when summary.Kind == ReturnCases.Kind.Name:
                summary.Procedure = started.Workflow;
                break;
            case WorkflowStageEntered entered when !summary.BesideWorkflows.Contains(entered.Workflow):
                summary.Stage = entered.Step.Stage;
                summary.Unit = entered.Step.Unit ?? summary.Unit;
                break;
            case CaseTaskOpened task:
                summary.OpenTasks.Add(task.Step.Task);
                break;
            case CaseTaskClosed task:
                summary.OpenTasks.Remove(task.Step.Task);
                break;
            case DeadlineStarted d:
                Upsert(summary, d.Workflow, d.Step.Timer, d.Step.Schedule, d.Step.LegalBasis, d.Step.Period);
                break;
            case DeadlineResumed d:
                Upsert(summary, d.Workflow, d.Step.Timer, d.Step.Schedule, null, d.Step.Period);
                break;
            case DeadlineExtended d:
                Upsert(summary, d.Workflow, d.Step.Timer, d.Step.Schedule, null, d.Step.Period);
                break;
            case DeadlineRescheduled d:
                Change(summary, d.Workflow, d.Step.Timer, v => v with { ExpiresAt = d.Step.Schedule.ExpiresAt, WarnAt = d.Step.Schedule.WarnAt });
                break;
            case DeadlineSuspended d:
                Change(summary, d.Workflow, d.Step.Timer, v => v with { Status = DeadlineStatus.Suspended });
                break;
            case DeadlineWarned d:
                Change(summary, d.Workflow, d.Step.Timer, v => v with { Warned = true });
                break;
            case DeadlineBreached d:
                Change(summary, d.Workflow, d.Step.Timer, v => v with { Status = DeadlineStatus.Breached });
                break;
            case DeadlineStopped d:
                summary.Deadlines.RemoveAll(v => v.Workflow == d.Workflow && v.Timer == d.Step.Timer);
                break;
            case DeadlineElapsed d:
                // A window granted to the person ran out: nothing is overdue for the authority.
                summary.Deadlines.RemoveAll(v => v.Workflow == d.Workflow && v.Timer == d.Step.Timer);
                break;
            case UnitMessageSent { Step.Message: "AsylumCaseHandedOver" } sent:
                summary.HandOverSentAt = sent.At.ToUniversalTime();
                break;
            case HandOverAcknowledged:
                summary.HandOverSentAt = null;
                summary.Closed = true;
                break;
            case AsylumCaseClosed or ReturnCaseClosed or RemovalExecuted or VoluntaryDepartureConfirmed:
                summary.Closed = true;
                break;
            case DecisionBecameFinal { Negative: false }:
                summary.Closed = true;
                break;
        }
        var next = summary.Deadlines.Where(v => v.Status == DeadlineStatus.Running).MinBy(v => v.ExpiresAt);
        summary.NextDeadlineTimer = next?.Timer;
        // Stored in UTC: the duplicated column is timestamptz, which takes offset 0 only.
        summary.NextDeadlineAt = next?.ExpiresAt.ToUniversalTime();
        summary.BreachedDeadlines = summary.Deadlines.Count(v => v.Status == DeadlineStatus.Breached);
        summary.Breached = summary.BreachedDeadlines > 0;
        summary.OpenedAtUtc = summary.OpenedAt.ToUniversalTime();
        var boardAt = summary.Deadlines.Where(v => v.Status != DeadlineStatus.Suspended).Select(v => (DateTimeOffset?)v.ExpiresAt).Min();
        if (summary.HandOverSentAt is { } handedOver && (boardAt is null || handedOver < boardAt))
        {
            boardAt = handedOver;
        }
        summary.BoardAt = boardAt?.ToUniversalTime();
        return summary;
    }

    private static void Upsert(
        CaseSummary summary, string workflow, string timer, FastProcedures.Workflows.TimerSchedule schedule, string? legalBasis, string period)
    {
        var index = summary.Deadlines.FindIndex(v => v.Workflow == workflow && v.Timer == timer);
        var basis = legalBasis ?? (index >= 0 ? summary.Deadlines[index].LegalBasis : "");
        var view = new DeadlineView(workflow, timer, schedule.ExpiresAt, schedule.WarnAt, DeadlineStatus.Running, false, basis, period);
        if (index >= 0)
        {
            summary.Deadlines[index] = view;
        }
        else
        {
            summary.Deadlines.Add(view);
        }
    }

    private static void Change(CaseSummary summary, string workflow, string timer, Func<DeadlineView, DeadlineView> change)
    {
        var index = summary.Deadlines.FindIndex(v => v.Workflow == workflow && v.Timer == timer);
        if (index >= 0)
        {
            summary.Deadlines[index] = change(summary.Deadlines[index]);
        }
    }
}
