using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.HandingOver;

/// <summary>The return unit acknowledged the hand-over dossier; recorded on the asylum case once.</summary>
public static class HandOverAcknowledgementHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, HandOverAcknowledgement message) =>
        state is null || state.HandOverConfirmed
            ? []
            : [new HandOverAcknowledged(message.AsylumCaseId, message.ReturnCaseId, Return.ReturnConfiguration.Actor, message.AcknowledgedAt)];

    public static Task<OutgoingMessages> Handle(
        HandOverAcknowledgement message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation) =>
        CaseStreams.ReactAsync(AsylumCases.Kind, session, catalog, clock, message.AsylumCaseId, (state, _) => Decide(state, message), cancellation);
}
