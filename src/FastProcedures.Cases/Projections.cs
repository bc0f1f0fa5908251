using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using JasperFx.Events;
using FastProcedures.Cases.Audit.TamperEvidence;
using Marten.Events.Aggregation;

namespace FastProcedures.Cases;

/// <summary>The asylum case as a document, updated inline with every append so the API reads it right after a command.</summary>
public sealed partial class AsylumCaseProjection : SingleStreamProjection<AsylumCase, string>
{
    public override AsylumCase? Evolve(AsylumCase? snapshot, string id, IEvent e) => AsylumCase.Fold(snapshot, e.Data) is { } state
        ? state with { ChainHead = e.GetHeader(EventHashChain.Header)?.ToString() }
        : null;
}

/// <summary>The return case as a document, updated inline.</summary>
public sealed partial class ReturnCaseProjection : SingleStreamProjection<ReturnCase, string>
{
    public override ReturnCase? Evolve(ReturnCase? snapshot, string id, IEvent e) => ReturnCase.Fold(snapshot, e.Data) is { } state
        ? state with { ChainHead = e.GetHeader(EventHashChain.Header)?.ToString() }
        : null;
}
