using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using JasperFx.Events;
using Marten;

namespace FastProcedures.Cases.Audit.TimeTravelling;

/// <summary>Which earlier point of a case: an instant of legal time, or a stream version. Neither: now.</summary>
public sealed record AsOf(DateTimeOffset? Instant = null, long? Version = null)
{
    public static readonly AsOf Latest = new();
}

/// <summary>A deadline live at the chosen point, with the time that was left: until expiry for a running timer,
/// frozen at the suspension for a suspended one.</summary>
public sealed record DeadlineAsOf(
    string Workflow, string Timer, TimerStatus Status, string Period, DateTimeOffset ExpiresAt, DateTimeOffset? SuspendedAt, TimeSpan Left);

/// <summary>A case as it stood at a point: its folded state (<see cref="AsylumCase"/> or <see cref="ReturnCase"/>),
/// the stage of each workflow, the deadlines then running and the events up to that point.</summary>
public sealed record CaseAsOfResult(
    string CaseId,
    string Kind,
    long Version,
    DateTimeOffset At,
    object State,
    IReadOnlyDictionary<string, string?> Stages,
    IReadOnlyList<DeadlineAsOf> Deadlines,
    IReadOnlyList<IEvent> Events);

/// <summary>
/// Time travel for auditors: the state of any case as of an instant or a stream version, folded by the case's own
/// <c>Fold</c> from the stored events, never from a projection that might have moved on. The instant is legal time
/// (<see cref="EventTime"/>): the case as of 10:00 holds every event decided at or before 10:00.
/// </summary>
public static class CaseAsOf
{
    /// <summary>Loads the stream up to the point, folds it and records the read in the case's access stream.</summary>
    public static async Task<CaseAsOfResult?> LoadAsync(
        IDocumentSession session, string caseId, AsOf point, Reader reader, DateTimeOffset now, CancellationToken cancellation)
    {
        var events = point.Version is { } version
            ? await session.Events.FetchStreamAsync(caseId, version, token: cancellation)
            : await session.Events.FetchStreamAsync(caseId, token: cancellation);
        var result = Fold(caseId, events, point);
        if (result is not null)
        {
            CaseAccessLog.Record(session, caseId, reader, now);
            await session.SaveChangesAsync(cancellation);
        }
        return result;
    }

    /// <summary>Pure: the case as of the point, or null when it did not exist yet (or is no case).</summary>
    public static CaseAsOfResult? Fold(string caseId, IReadOnlyList<IEvent> stream, AsOf point)
    {
        var events = point switch
        {
            { Version: { } version } => stream.Where(e => e.Version <= version).ToList(),
            { Instant: { } instant } => stream.TakeWhile(e => EventTime.Of(e.Data) is not { } at || at <= instant).ToList(),
            _ => stream.ToList(),
        };
        if (events.Count == 0)
        {
            return null;
        }
        var (kind, state, workflows) = events[0].Data switch
        {
            ApplicationMade => FoldAs<AsylumCase>(AsylumCases.Kind.Name, events,
                (c, e) => AsylumCase.Fold(c, e.Data) is { } next ? next with { ChainHead = Hash(e), Summary = CaseSummaries.Next(c?.Summary, e) } : null,
                c => c.Workflows),
            ReturnCaseOpened => FoldAs<ReturnCase>(ReturnCases.Kind.Name, events,
                (c, e) => ReturnCase.Fold(c, e.Data) is { } next ? next with { ChainHead = Hash(e), Summary = CaseSummaries.Next(c?.Summary, e) } : null,
                c => c.Workflows),
            _ => (null, null, null),
        };
        if (kind is null || state is null || workflows is null)
        {
            return null;
        }
        var at = point.Instant ?? events.Select(e => EventTime.Of(e.Data)).LastOrDefault(t => t is not null) ?? events[^1].Timestamp;
        var deadlines = workflows.LiveDeadlines()
            .Select(d => new DeadlineAsOf(d.Workflow, d.Timer.Id, d.Timer.Status, d.Timer.Period, d.Timer.ExpiresAt,
                d.Timer.SuspendedAt, d.Timer.ExpiresAt - (d.Timer.Status == TimerStatus.Suspended ? d.Timer.SuspendedAt ?? at : at)))
            .ToList();
        return new CaseAsOfResult(caseId, kind, events[^1].Version, at, state,
            workflows.Instances.ToDictionary(i => i.Key, i => i.Value.State.Stage), deadlines, events);
    }

    /// <summary>The stored hash of an event: the state as of it carries it as the snapshot did then.</summary>
    private static string? Hash(IEvent e) => e.GetHeader(TamperEvidence.EventHashChain.Header)?.ToString();

    private static (string?, object?, CaseWorkflows?) FoldAs<TCase>(
        string kind, IReadOnlyList<IEvent> events, Func<TCase?, IEvent, TCase?> fold, Func<TCase, CaseWorkflows> workflows)
        where TCase : class, ICase
    {
        TCase? state = null;
        foreach (var e in events)
        {
            state = fold(state, e);
        }
        return state is null ? (null, null, null) : (kind, state, workflows(state));
    }
}
