using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.ReceivingHandOver;

/// <summary>The asylum unit's hand-over dossier arrives: recorded on the return case and acknowledged to the asylum
/// unit in the same transaction (no gap between units).</summary>
public static class AsylumCaseHandedOverHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, AsylumCaseHandedOver message, DateTimeOffset now)
    {
        var open = Validation.Open(state, message.ReturnCaseId);
        return open.Dossier is not null ? [] : [new HandOverReceived(message.ReturnCaseId, message.Dossier, ReturnConfiguration.Actor, now)];
    }

    public static async Task<OutgoingMessages> Handle(
        AsylumCaseHandedOver message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation)
    {
        var stream = await session.Events.FetchForWriting<ReturnCase>(message.ReturnCaseId, cancellation);
        var now = clock.GetUtcNow();
        var (change, messages) = CaseStreams.Decide(ReturnCases.Kind, stream, null, catalog, now, state => Decide(state, message, now));
        if (change.Events.OfType<HandOverReceived>().FirstOrDefault() is { } received)
        {
            // Routed to the asylum unit by Wolverine's routing rules (Configuration).
            messages.Add(new HandOverAcknowledgement(message.AsylumCaseId, message.ReturnCaseId, message.Country, received.ReceivedAt));
        }
        return messages;
    }
}
