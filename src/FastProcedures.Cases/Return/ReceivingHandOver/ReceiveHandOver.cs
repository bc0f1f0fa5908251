using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Workflows;
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
        return open.Dossier is not null ? [] : [new HandOverReceived(message.ReturnCaseId, message.Dossier, "return-unit", now)];
    }

    public static async Task Handle(
        AsylumCaseHandedOver message, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation)
    {
        var change = await new CaseWriter(session, bus, catalog, clock).DecideAsync(ReturnCases.Kind, message.ReturnCaseId, null,
            (state, now) => Decide(state, message, now), cancellation);
        if (change.Events.OfType<HandOverReceived>().FirstOrDefault() is { } received)
        {
            await bus.EndpointFor("asylum").SendAsync(
                new HandOverAcknowledgement(message.AsylumCaseId, message.ReturnCaseId, message.Country, received.ReceivedAt),
                new DeliveryOptions { TenantId = message.Country });
        }
    }
}
