using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Return;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Marten.Schema;

namespace FastProcedures.Cases;

/// <summary>The asylum case as a document, updated inline with every append so the API reads it right after a command.
/// It keeps the hash of the case's last event, so the next command continues the chain without reading it.</summary>
public sealed partial class AsylumCaseProjection : SingleStreamProjection<AsylumCase, string>
{
    private readonly ISerializer serializer;

    public AsylumCaseProjection(ISerializer serializer)
    {
        this.serializer = serializer;
        // Only this kind's streams, in the async daemon (rebuilds) and inline (OwnStreamsOnly).
        FilterIncomingEventsOnStreamType();
    }

    public override AsylumCase? Evolve(AsylumCase? snapshot, string id, IEvent e) => AsylumCase.Fold(snapshot, e.Data) is { } state
        ? state with { ChainHead = ChainHeads.Next(serializer, snapshot?.ChainHead, id, e), Summary = CaseSummaries.Next(snapshot?.Summary, e) }
        : null;

    /// <summary>Stores the summary the snapshot carries in the same commit (inline side effect).</summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<AsylumCase> slice) =>
        SummaryStore.StoreAsync(operations, slice, s => s.Summary);

    protected override IInlineProjection<IDocumentOperations> buildForInline() => new OwnStreamsOnly(base.buildForInline(), typeof(AsylumCase));
}

/// <summary>The return case as a document, updated inline; keeps its last hash like the asylum case.</summary>
public sealed partial class ReturnCaseProjection : SingleStreamProjection<ReturnCase, string>
{
    private readonly ISerializer serializer;

    public ReturnCaseProjection(ISerializer serializer)
    {
        this.serializer = serializer;
        // Only this kind's streams, in the async daemon (rebuilds) and inline (OwnStreamsOnly).
        FilterIncomingEventsOnStreamType();
    }

    public override ReturnCase? Evolve(ReturnCase? snapshot, string id, IEvent e) => ReturnCase.Fold(snapshot, e.Data) is { } state
        ? state with { ChainHead = ChainHeads.Next(serializer, snapshot?.ChainHead, id, e), Summary = CaseSummaries.Next(snapshot?.Summary, e) }
        : null;

    /// <summary>Stores the summary the snapshot carries in the same commit (inline side effect).</summary>
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<ReturnCase> slice) =>
        SummaryStore.StoreAsync(operations, slice, s => s.Summary);

    protected override IInlineProjection<IDocumentOperations> buildForInline() => new OwnStreamsOnly(base.buildForInline(), typeof(ReturnCase));
}

/// <summary>
/// Inline, Marten filters a projection's streams by event type only, and the workflow events are shared by both kinds
/// of case: without this filter, every asylum command would load the (missing) return case document in a round trip
/// of its own, and the reverse, and every read of a case (its access stream) would load all three documents. Streams
/// written through <c>FetchForWriting</c>/<c>StartStream</c> and the access log carry their type; a stream appended
/// without one is passed on as before.
/// </summary>
internal sealed class OwnStreamsOnly(IInlineProjection<IDocumentOperations> inner, params Type[] kinds) : IInlineProjection<IDocumentOperations>
{
    public Task ApplyAsync(IDocumentOperations operations, IEnumerable<StreamAction> streams, CancellationToken cancellation) =>
        inner.ApplyAsync(operations, streams.Where(s => s.AggregateType is null || kinds.Contains(s.AggregateType)), cancellation);
}

/// <summary>
/// The case summary (<see cref="CaseSummary"/>), which the API reads right after a command, is carried by the case's
/// inline snapshot and folded with it, so the commit stores it without loading it first: a command is one fetch and
/// one commit. Marten calls this for inline projections (<c>EnableSideEffectsOnInlineProjections</c>); rebuilds build
/// the summaries with <see cref="CaseSummaryProjection"/> from the same fold.
/// </summary>
internal static class SummaryStore
{
    public static async ValueTask StoreAsync<TCase>(
        IDocumentOperations operations, IEventSlice<TCase> slice, Func<TCase, CaseSummary?> summaryOf) where TCase : notnull
    {
        if (slice.Snapshot is not { } snapshot)
        {
            return;
        }
        var target = slice.TenantId is { } tenant && tenant != operations.TenantId ? operations.ForTenant(tenant) : operations;
        var summary = summaryOf(snapshot);
        if (summary is null)
        {
            // A snapshot stored before snapshots carried the summary (SnapshotsCarrySummaries fills them at start):
            // the stored summary, loaded and folded on as before.
            var events = slice.Events();
            if (events.Count == 0 || await target.LoadAsync<CaseSummary>(events[0].StreamKey!) is not { } stored)
            {
                return;
            }
            summary = events.Aggregate(stored, (s, e) => CaseSummaries.Next(s, e) ?? s);
        }
        target.Store(summary);
    }
}

internal static class ChainHeads
{
    /// <summary>The hash of <paramref name="e"/>: its stamped header when there is one, else the same link the
    /// <see cref="HashChainListener"/> stamps (inline projections may run before it). Null when the previous link is
    /// unknown (a snapshot written before snapshots kept it): the listener then reads it from the stream.</summary>
    public static string? Next(ISerializer serializer, string? previous, string id, IEvent e)
    {
        if (e.GetHeader(EventHashChain.Header)?.ToString() is { Length: > 0 } stamped)
        {
            return stamped;
        }
        if (e.Version == 1)
        {
            previous = EventHashChain.Genesis;
        }
        return previous is null || e.Version <= 0
            ? null
            : HashChainListener.HashOf(serializer, previous, id, e.Version, e);
    }
}

/// <summary>
/// Snapshots stored before they carried the case summary get it once at start, from the stored summary, so their
/// next command does not load it either. Summaries stored before they listed the workflows running beside the
/// procedure get that list from the case's <c>WorkflowStarted</c> events. Registered with <c>InitializeMartenWith</c>
/// in the host's configuration.
/// </summary>
public sealed class SnapshotsCarrySummaries : IInitialData
{
    public async Task Populate(IDocumentStore store, CancellationToken cancellation)
    {
        var schema = store.Options.DatabaseSchemaName;
        foreach (var kind in new[] { typeof(IEvent), typeof(AsylumCase), typeof(ReturnCase), typeof(CaseSummary) })
        {
            await store.Storage.Database.EnsureStorageExistsAsync(kind, cancellation);
        }
        await using var session = store.LightweightSession();
        var procedureFacts = string.Join(", ", CaseSummaries.ProcedureFacts.Select(f => $"'{f}'"));
        // 'workflow_started': Marten's stored name for WorkflowStarted (its type name in snake case).
        session.QueueSqlCommand($$"""
            update {{schema}}.mt_doc_casesummary s set data = jsonb_set(s.data, '{BesideWorkflows}', coalesce(
              (select jsonb_agg(e.data->>'Workflow' order by e.seq_id) from {{schema}}.mt_events e
               where e.stream_id = s.id and e.tenant_id = s.tenant_id and e.type = 'workflow_started'
                 and e.data->>'StartedOn' not in ({{procedureFacts}})), '[]'::jsonb))
            where s.data->'BesideWorkflows' is null
            """);
        foreach (var table in new[] { "mt_doc_asylumcase", "mt_doc_returncase" })
        {
            session.QueueSqlCommand($$"""
                update {{schema}}.{{table}} c set data = jsonb_set(c.data, '{Summary,BesideWorkflows}', s.data->'BesideWorkflows')
                from {{schema}}.mt_doc_casesummary s
                where s.id = c.id and s.tenant_id = c.tenant_id and jsonb_typeof(c.data->'Summary') = 'object'
                  and c.data->'Summary'->'BesideWorkflows' is null
                """);
            session.QueueSqlCommand($$"""
                update {{schema}}.{{table}} c set data = jsonb_set(c.data, '{Summary}', s.data)
                from {{schema}}.mt_doc_casesummary s
                where s.id = c.id and s.tenant_id = c.tenant_id and jsonb_typeof(c.data->'Summary') is distinct from 'object'
                """);
        }
        await session.SaveChangesAsync(cancellation);
    }
}
