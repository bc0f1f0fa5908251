using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Detention;

/// <summary>Order detention for removal (RD Art. 15(1)); at most 6 months (Art. 15(5)).</summary>
public sealed record OrderDetention(string CaseId, long? ExpectedVersion, string Facility, string Grounds, string OrderedBy);

public static class OrderDetentionHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, OrderDetention command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Facility, "Facility");
        Validation.Required(command.Grounds, "Grounds");
        Validation.Required(command.OrderedBy, "OrderedBy");
        return open.Detained ? [] : [new DetentionOrdered(command.CaseId, command.Facility, command.Grounds, command.OrderedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        OrderDetention command, [Case] IEventStream<ReturnCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(ReturnCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
