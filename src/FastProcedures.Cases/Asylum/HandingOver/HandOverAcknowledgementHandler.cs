using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.HandingOver;

/// <summary>The return unit acknowledged the hand-over dossier; recorded on the asylum case once.</summary>
public static class HandOverAcknowledgementHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, HandOverAcknowledgement message) =>
        state is null || state.HandOverConfirmed
            ? []
            : [new HandOverAcknowledged(message.AsylumCaseId, message.ReturnCaseId, "return-unit", message.AcknowledgedAt)];

    public static Task Handle(
        HandOverAcknowledgement message, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(AsylumCases.Kind, message.AsylumCaseId, null,
            (state, _) => Decide(state, message), cancellation);
}
