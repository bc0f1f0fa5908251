using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases;

/// <summary>A command was refused: the reason says why; nothing was written.</summary>
public sealed class CaseCommandRefused(string reason) : Exception(reason);

/// <summary>The command carried a case version that is no longer the case's: someone acted meanwhile. Nothing was written.</summary>
public sealed class CaseVersionConflict(string caseId, long expected, long actual)
    : Exception($"Case {caseId} is at version {actual}, the command was made against version {expected}: reload the case and try again.")
{
    public string CaseId { get; } = caseId;
    public long Expected { get; } = expected;
    public long Actual { get; } = actual;
}

/// <summary>What a command did to a case: its id, its version after the command, the events appended.</summary>
public sealed record CaseChange(string CaseId, long Version, IReadOnlyList<object> Events)
{
    public bool Changed => Events.Count > 0;
}

/// <summary>What a handler writes with: the tenant's Marten session, the Wolverine context (outbox), the definitions
/// and the clock.</summary>
public sealed record CaseWriter(IDocumentSession Session, IMessageContext Bus, WorkflowCatalog Catalog, TimeProvider Clock)
{
    public Task<CaseChange> DecideAsync<TCase>(
        CaseKind<TCase> kind, string caseId, long? expectedVersion, Func<TCase?, DateTimeOffset, IReadOnlyList<object>> decide,
        CancellationToken cancellation) where TCase : class
    {
        var now = Clock.GetUtcNow();
        return CaseStreams.DecideAsync(kind, Session, Bus, Catalog, caseId, expectedVersion, state => decide(state, now), now, cancellation);
    }
}

/// <summary>How a kind of case (asylum, return) is folded, which procedures its events start and which unit owns it.</summary>
public sealed record CaseKind<TCase>(
    string Name,
    string Unit,
    Func<TCase?, object, TCase?> Evolve,
    Func<TCase, string> Country,
    Func<TCase, long> Version,
    Func<TCase, CaseWorkflows> Workflows,
    Func<TCase?, object, WorkflowStart?> Starts,
    Func<TCase, UnitMessageSent, object?> TypedMessage,
    Func<TCase, IReadOnlyList<object>, IEnumerable<UnitMessage>> Notifications)
    where TCase : class;

/// <summary>
/// The one write path of the cases layer: load the stream, decide, run the workflows, append everything and hand the
/// messages and scheduled deadline messages to Wolverine's outbox. Handlers run inside Wolverine's Marten transaction
/// (AutoApplyTransactions), so events, messages and scheduled deadlines commit together or not at all.
/// </summary>
public static class CaseStreams
{
    public static async Task<(TCase? State, long Version)> LoadAsync<TCase>(
        CaseKind<TCase> kind, IQuerySession session, string caseId, CancellationToken cancellation) where TCase : class
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        TCase? state = null;
        foreach (var e in events)
        {
            state = kind.Evolve(state, e.Data);
        }
        return (state, events.Count == 0 ? 0 : events[^1].Version);
    }

    /// <summary>Decides on a command: <paramref name="decide"/> is pure (state -> domain events, or
    /// <see cref="CaseCommandRefused"/>); no events means a repeated command, which changes nothing.</summary>
    public static async Task<CaseChange> DecideAsync<TCase>(
        CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, string caseId,
        long? expectedVersion, Func<TCase?, IReadOnlyList<object>> decide, DateTimeOffset now, CancellationToken cancellation)
        where TCase : class
    {
        var (state, version) = await LoadAsync(kind, session, caseId, cancellation);
        if (expectedVersion is { } expected && expected != version)
        {
            throw new CaseVersionConflict(caseId, expected, version);
        }
        var domainEvents = decide(state);
        if (domainEvents.Count == 0)
        {
            return new CaseChange(caseId, version, []);
        }
        var country = state is not null ? kind.Country(state) : kind.Country(kind.Evolve(null, domainEvents[0])
            ?? throw new CaseCommandRefused($"Case {caseId} does not exist."));
        var workflows = state is not null ? kind.Workflows(state) : CaseWorkflows.None;
        var before = state;
        var all = CaseRuntime.Advance(catalog, caseId, country, workflows, domainEvents, now, e =>
        {
            var start = kind.Starts(before, e);
            before = kind.Evolve(before, e);
            return start;
        });
        return await CommitAsync(kind, session, bus, caseId, state, version, all, cancellation);
    }

    /// <summary>A scheduled deadline message fired: acts only if that timer generation still runs.</summary>
    public static async Task<CaseChange> WakeAsync<TCase>(
        CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, DeadlineDue due,
        DateTimeOffset now, CancellationToken cancellation) where TCase : class
    {
        var (state, version) = await LoadAsync(kind, session, due.CaseId, cancellation);
        if (state is null)
        {
            return new CaseChange(due.CaseId, version, []);
        }
        var all = CaseRuntime.Wake(catalog, due.CaseId, kind.Country(state), kind.Workflows(state), due.Workflow, due.Timer,
            due.Generation, now);
        return await CommitAsync(kind, session, bus, due.CaseId, state, version, all, cancellation);
    }

    private static async Task<CaseChange> CommitAsync<TCase>(
        CaseKind<TCase> kind, IDocumentSession session, IMessageContext bus, string caseId, TCase? state, long version,
        IReadOnlyList<object> events, CancellationToken cancellation) where TCase : class
    {
        if (events.Count == 0)
        {
            return new CaseChange(caseId, version, []);
        }
        if (version == 0)
        {
            session.Events.StartStream<TCase>(caseId, events.ToArray());
        }
        else
        {
            // Marten checks the stream is still at `version` when the transaction commits.
            session.Events.Append(caseId, version + events.Count, events.ToArray());
        }
        foreach (var e in events)
        {
            state = kind.Evolve(state, e);
        }
        await CaseMessages.DispatchAsync(kind, bus, state!, events, cancellation);
        return new CaseChange(caseId, version + events.Count, events);
    }
}
