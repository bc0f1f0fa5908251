using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Return;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

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
        ? state with { ChainHead = ChainHeads.Next(serializer, snapshot?.ChainHead, id, e) }
        : null;

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
        ? state with { ChainHead = ChainHeads.Next(serializer, snapshot?.ChainHead, id, e) }
        : null;

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
            : EventHashChain.Link(previous, id, e.Version, e.EventTypeName, serializer.ToJson(e.Data));
    }
}
