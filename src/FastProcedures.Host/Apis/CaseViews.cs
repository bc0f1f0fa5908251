using System.Collections.Concurrent;
using System.Reflection;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using JasperFx.Events;

namespace FastProcedures.Host.Apis;

/// <summary>A page of cases (contract: <c>GET /api/cases</c>).</summary>
public sealed record CaseList(IReadOnlyList<CaseListItem> Items, long Total, int Page, int PageSize);

/// <summary>One case in a list or a work queue (contract).</summary>
public sealed record CaseListItem(
    string Id, string Kind, string Country, string? Procedure, string? Stage, string? Unit, NextDeadline? NextDeadline)
{
    public static CaseListItem Of(CaseSummary c) => new(c.Id, c.Kind, c.Country, c.Procedure, c.Stage, c.Unit,
        c.Deadlines.Where(d => d.Status == DeadlineStatus.Running).MinBy(d => d.ExpiresAt) is { } next
            ? new NextDeadline(next.Workflow, next.Timer, next.ExpiresAt, next.LegalBasis)
            : null);
}

/// <summary>The case's soonest running legal deadline.</summary>
public sealed record NextDeadline(string Workflow, string Timer, DateTimeOffset ExpiresAt, string LegalBasis);

/// <summary>A case now (contract: <c>GET /api/cases/{id}</c>).</summary>
public sealed record CaseDetail(
    string Id,
    string Kind,
    string Country,
    string? LinkedCaseId,
    long Version,
    string? Procedure,
    string? Stage,
    string? Unit,
    bool Closed,
    IReadOnlyList<WorkflowView> Workflows,
    IReadOnlyList<DeadlineDetail> Deadlines,
    IReadOnlyList<OpenTaskView> OpenTasks,
    IReadOnlyList<string>? RemovalBars,
    IReadOnlyList<string> AllowedActions);

/// <summary>A procedure on the case, pinned to its definition version and SHA-256.</summary>
public sealed record WorkflowView(string Id, int Version, string Hash, string? Stage);

/// <summary>A deadline of the case, whatever its status (running, met, breached, stopped, suspended), with the
/// steps of its count under Reg. 1182/71 (as <c>fastproc deadline --explain</c> prints them).</summary>
public sealed record DeadlineDetail(
    string Workflow, string Timer, string Status, string Period, DateTimeOffset StartedAt, DateTimeOffset? WarnAt,
    DateTimeOffset ExpiresAt, string LegalBasis, IReadOnlyList<string> Explanation);

public sealed record OpenTaskView(string Workflow, string Task, string Title, string Unit, string? DueTimer);

/// <summary>The case's history (contract: <c>GET /api/cases/{id}/timeline</c>).</summary>
public sealed record Timeline(IReadOnlyList<TimelineEntry> Events);

/// <summary>An event of the case; a domain event lists the workflow events it caused as its <c>Effects</c>.</summary>
public sealed record TimelineEntry(
    long Sequence, long Version, string Type, DateTimeOffset At, string? Actor, object Data, IReadOnlyList<TimelineEntry> Effects);

internal static class CaseViews
{
    public static CaseDetail Detail(
        CaseSummary summary, object state, IReadOnlyList<IEvent> events, WorkflowCatalog catalog, DateTimeOffset now)
    {
        var workflows = WorkflowsOf(state);
        var calendar = catalog.Calendar(summary.Country);
        var met = events.Select(e => e.Data).OfType<DeadlineStopped>()
            .GroupBy(d => (d.Workflow, d.Step.Timer))
            .ToDictionary(g => g.Key, g => g.Last().Step.Met);
        var deadlines = new List<DeadlineDetail>();
        foreach (var instance in workflows.Instances.Values)
        {
            var definition = TryPinned(catalog, instance);
            foreach (var timer in instance.State.Timers.Values.OrderBy(t => t.StartedAt))
            {
                var timerDefinition = definition?.Timers.FirstOrDefault(t => t.Id == timer.Id);
                var status = timer.Status switch
                {
                    TimerStatus.Running => "running",
                    TimerStatus.Suspended => "suspended",
                    TimerStatus.Breached => "breached",
                    TimerStatus.Elapsed => "elapsed",
                    _ when timerDefinition is { Window: true } && !met.GetValueOrDefault((instance.Id, timer.Id), true) => "elapsed",
                    _ => met.GetValueOrDefault((instance.Id, timer.Id)) ? "met" : "stopped",
                };
                deadlines.Add(new DeadlineDetail(instance.Id, timer.Id, status, timer.Period, timer.StartedAt, timer.WarnAt,
                    timer.ExpiresAt, timerDefinition?.LegalBasis ?? LegalBasisOf(summary, instance.Id, timer.Id),
                    Explain(timer, timerDefinition?.WorkingDays ?? false, calendar)));
            }
        }
        var tasks = workflows.Instances.Values
            .SelectMany(i => i.State.OpenTasks.Values.Select(t => new OpenTaskView(i.Id, t.Task, t.Title, t.Unit, t.DueTimer)))
            .ToList();
        return new CaseDetail(summary.Id, summary.Kind, summary.Country, summary.LinkedCaseId, events[^1].Version,
            summary.Procedure, summary.Stage, summary.Unit, summary.Closed,
            workflows.Instances.Values.Select(i => new WorkflowView(i.Id, i.Version, i.Hash, i.State.Stage)).ToList(),
            deadlines, tasks,
            state is ReturnCase r ? r.RemovalBars(now).Select(Cases.Return.RemovalBars.Explain).ToList() : null,
            WithEntryBan(state, summary.Closed ? [] : CaseCommands.AllowedActions(summary.Kind, workflows, catalog)));
    }

    /// <summary>RD Art. 11(1): while the return case requires an entry ban and none was issued, issuing it is
    /// offered to the return officer whatever stage the procedure is in, also after the removal or the departure
    /// (the ban runs from the departure, CJEU C-225/16) until the case is closed, which is refused until then.</summary>
    private static IReadOnlyList<string> WithEntryBan(object? state, IReadOnlyList<string> actions) =>
        state is ReturnCase { Closed: false, EntryBanRequired: true, EntryBan: null }
            ? actions.Append(CaseCommands.ActionOf(typeof(Cases.Return.Closing.IssueEntryBan))).Distinct().Order(StringComparer.Ordinal).ToList()
            : actions;

    public static Timeline TimelineOf(IReadOnlyList<IEvent> events)
    {
        var entries = new List<TimelineEntry>();
        foreach (var e in events)
        {
            var entry = Entry(e);
            if (e.Data is WorkflowStarted or IWorkflowStep && entries.Count > 0)
            {
                var cause = entries[^1];
                entries[^1] = cause with { Effects = [.. cause.Effects, entry] };
            }
            else
            {
                entries.Add(entry);
            }
        }
        return new Timeline(entries);
    }

    public static CaseWorkflows WorkflowsOf(object state) => state switch
    {
        AsylumCase a => a.Workflows,
        ReturnCase r => r.Workflows,
        _ => CaseWorkflows.None,
    };

    private static TimelineEntry Entry(IEvent e) =>
        new(e.Sequence, e.Version, e.Data.GetType().Name, EventTime.Of(e.Data) ?? e.Timestamp, ActorOf(e), e.Data, []);

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> Actors = new();

    /// <summary>Who acted: the event's own <c>…By</c> (STYLE: every event says who), else the session's user name.</summary>
    private static string? ActorOf(IEvent e) =>
        Actors.GetOrAdd(e.Data.GetType(), type => type.GetProperties()
                .FirstOrDefault(p => p.PropertyType == typeof(string) && p.Name.EndsWith("By", StringComparison.Ordinal)))
            ?.GetValue(e.Data) as string
        ?? e.UserName;

    private static WorkflowDefinition? TryPinned(WorkflowCatalog catalog, WorkflowInstance instance)
    {
        try
        {
            return catalog.Pinned(instance);
        }
        catch (PinnedDefinitionException)
        {
            return null; // replay verification reports it; the case view still shows what the stream holds
        }
    }

    private static string LegalBasisOf(CaseSummary summary, string workflow, string timer) =>
        summary.Deadlines.FirstOrDefault(d => d.Workflow == workflow && d.Timer == timer)?.LegalBasis ?? "";

    /// <summary>The count from the timer's start over its (possibly extended) period; a suspension or a calendar
    /// change that moved the expiry is said as such.</summary>
    private static IReadOnlyList<string> Explain(TimerState timer, bool workingDays, CountryCalendar calendar)
    {
        if (!LegalPeriod.TryParse(timer.Period, workingDays, out var period, out _))
        {
            return [];
        }
        var deadline = LegalClock.Expiry(timer.StartedAt, period, calendar);
        var steps = deadline.Steps.Select(s => $"{s.Rule}: {s.Text}").ToList();
        if (deadline.ExpiresAt != timer.ExpiresAt)
        {
            steps.Add($"Suspension or recount moved the expiry to {timer.ExpiresAt:yyyy-MM-dd'T'HH:mm:sszzz}.");
        }
        steps.Add($"Calendar: {calendar.Country} version {calendar.Version}, sha256 {calendar.Sha256}");
        return steps;
    }
}
