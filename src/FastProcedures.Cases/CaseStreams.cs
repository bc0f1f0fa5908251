using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace FastProcedures.Cases;

/// <summary>A command was refused: the reason says why; nothing was written.</summary>
public sealed class CaseCommandRefused(string reason) : Exception(reason);

/// <summary>A command that opens a case named a case id that exists already (in this country, as any kind of case).
/// Nothing was written. Over HTTP: 409.</summary>
public sealed class CaseAlreadyExists(string caseId)
    : Exception($"Case {caseId} exists already: a new case needs a new case id.")
{
    public string CaseId { get; } = caseId;
}

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

/// <summary>
/// The case a command acts on, loaded by Wolverine's aggregate handler workflow (<c>FetchForWriting</c> on the inline
/// snapshot of the command's <c>CaseId</c>, under the stream's row lock). A case that does not exist in the command's country (tenant) is never
/// created by a command: Wolverine throws <see cref="RequiredDataMissingException"/> and nothing is written.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class CaseAttribute : WriteAggregateAttribute
{
    public CaseAttribute() : this("CaseId")
    {
    }

    public CaseAttribute(string idMember) : base(idMember)
    {
        Required = true;
        // Writers of one case queue on its mt_streams row (Marten's FetchForExclusiveWriting, SELECT ... FOR UPDATE
        // in the command's transaction) instead of racing to a version conflict: commands without a version all
        // succeed, across every node sharing the database; a stale version is still refused as a CaseVersionConflict.
        LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive;
        OnMissing = OnMissing.ThrowException;
        MissingMessage = "There is no case {0}.";
    }
}

/// <summary>What the write path reads from any case: its country (tenant), the last link of its hash chain and its
/// workflows.</summary>
public interface ICase
{
    string Country { get; }
    string? ChainHead { get; }
    CaseWorkflows Workflows { get; }
}

/// <summary>How a kind of case (asylum, return) is folded, which procedures its events start and which unit owns it.</summary>
public sealed record CaseKind<TCase>(
    string Name,
    string Unit,
    Func<TCase?, object, TCase?> Evolve,
    Func<WorkflowCatalog, TCase?, object, WorkflowStart?> Starts,
    Func<WorkflowCatalog, TCase, UnitMessageSent, object?> TypedMessage,
    Func<TCase, IReadOnlyList<object>, IEnumerable<UnitMessage>> Notifications)
    where TCase : class, ICase;

/// <summary>
/// The write path's one helper: on the aggregate <c>FetchForWriting</c> loaded (the inline snapshot, never a fold of
/// the stream), decide, run the case's workflows through the engine, append the events to the stream and return the
/// messages and scheduled deadline messages as values. Wolverine commits events, snapshot and outgoing envelopes in
/// one transaction (AutoApplyTransactions with the Marten outbox).
/// </summary>
public static class CaseStreams
{
    /// <summary>Decides on a command: <paramref name="decide"/> is pure (state -> domain events, or
    /// <see cref="CaseCommandRefused"/>); no events means a repeated command, which changes nothing.</summary>
    public static (CaseChange Change, OutgoingMessages Messages) Decide<TCase>(
        CaseKind<TCase> kind, IEventStream<TCase> stream, long? expectedVersion, WorkflowCatalog catalog, DateTimeOffset now,
        Func<TCase?, IReadOnlyList<object>> decide) where TCase : class, ICase
    {
        var caseId = stream.Key!;
        var version = stream.StartingVersion ?? 0;
        // Wolverine only checks an int/long version member; the optional one the command carries is checked here.
        // A writer that appended between this fetch and the commit is caught by Marten at commit.
        if (expectedVersion is { } expected && expected != version)
        {
            throw new CaseVersionConflict(caseId, expected, version);
        }
        var state = stream.Aggregate;
        var domainEvents = decide(state);
        if (domainEvents.Count == 0)
        {
            return (new CaseChange(caseId, version, []), []);
        }
        var all = Advance(kind, caseId, state, domainEvents, catalog, now);
        return Append(kind, stream, state, version, all, catalog, now);
    }

    /// <summary>The pure step of every decision, shared with the in-memory case runner: the domain events, each
    /// followed by what the case's workflows (and the workflows they start) record in response.</summary>
    public static IReadOnlyList<object> Advance<TCase>(
        CaseKind<TCase> kind, string caseId, TCase? state, IReadOnlyList<object> domainEvents, WorkflowCatalog catalog,
        DateTimeOffset now) where TCase : class, ICase
    {
        var country = (state ?? kind.Evolve(null, domainEvents[0])
            ?? throw new CaseCommandRefused($"Case {caseId} does not exist.")).Country;
        var workflows = state is not null ? state.Workflows : CaseWorkflows.None;
        var before = state;
        return CaseRuntime.Advance(catalog, caseId, country, workflows, domainEvents, now, e =>
        {
            var start = kind.Starts(catalog, before, e);
            before = kind.Evolve(before, e);
            return start;
        });
    }

    /// <summary>For commands that open a case: the stream must not exist yet, unless it holds this very case and the
    /// command is a repeat of the one that opened it (<paramref name="isRepeat"/>), which then changes nothing. Two
    /// openings racing on one id meet at the stream's unique key; the later is retried and refused here
    /// (<see cref="WriteConflictsAreInformation"/>).</summary>
    public static void MustBeNew<TCase>(IEventStream<TCase> stream, Func<TCase, bool> isRepeat) where TCase : class, ICase
    {
        if (stream.Aggregate is { } existing ? !isRepeat(existing) : stream.StartingVersion is > 0)
        {
            throw new CaseAlreadyExists(stream.Key!);
        }
    }

    /// <summary>A scheduled deadline message fired: acts only if that timer generation still runs.</summary>
    public static OutgoingMessages Wake<TCase>(
        CaseKind<TCase> kind, IEventStream<TCase> stream, WorkflowCatalog catalog, DeadlineDue due, DateTimeOffset now)
        where TCase : class, ICase
    {
        if (stream.Aggregate is not { } state)
        {
            return [];
        }
        var all = CaseRuntime.Wake(catalog, due.CaseId, state.Country, state.Workflows, due.Workflow, due.Timer,
            due.Generation, now);
        return Append(kind, stream, state, stream.StartingVersion ?? 0, all, catalog, now).Messages;
    }

    /// <summary>For messages between units, which name their case under another member than <c>CaseId</c> and act on
    /// a case that may not exist (yet): the same fetch, the same decision.</summary>
    public static async Task<OutgoingMessages> ReactAsync<TCase>(
        CaseKind<TCase> kind, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, string caseId,
        Func<TCase?, DateTimeOffset, IReadOnlyList<object>> decide, CancellationToken cancellation) where TCase : class, ICase
    {
        var stream = await session.Events.FetchForExclusiveWriting<TCase>(caseId, cancellation);
        var now = clock.GetUtcNow();
        return Decide(kind, stream, null, catalog, now, state => decide(state, now)).Messages;
    }

    private static (CaseChange Change, OutgoingMessages Messages) Append<TCase>(
        CaseKind<TCase> kind, IEventStream<TCase> stream, TCase? state, long version, IReadOnlyList<object> events,
        WorkflowCatalog catalog, DateTimeOffset now) where TCase : class, ICase
    {
        if (events.Count == 0)
        {
            return (new CaseChange(stream.Key!, version, []), []);
        }
        var pending = stream.Events.Count;
        stream.AppendMany(events);
        // The previous link of the hash chain comes from the snapshot just loaded: no query for it at commit.
        HashChainListener.Follows(stream.Events[pending], state is null ? EventHashChain.Genesis : state.ChainHead, version);
        foreach (var e in events)
        {
            state = kind.Evolve(state, e);
        }
        return (new CaseChange(stream.Key!, version + events.Count, events), CaseMessages.For(kind, catalog, state!, events, now));
    }
}
