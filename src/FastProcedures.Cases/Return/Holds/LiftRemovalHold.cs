using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Holds;

/// <summary>Lift a medical or vulnerability hold.</summary>
public sealed record LiftRemovalHold(string CaseId, long? ExpectedVersion, string LiftedBy);

public static class LiftRemovalHoldHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, LiftRemovalHold command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.LiftedBy, "LiftedBy");
        return open.Hold is null ? [] : [new RemovalHoldLifted(command.CaseId, command.LiftedBy, now)];
    }

    public static Task<CaseChange> Handle(
        LiftRemovalHold command, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(ReturnCases.Kind, command.CaseId, command.ExpectedVersion,
            (state, now) => Decide(state, command, now), cancellation);
}
