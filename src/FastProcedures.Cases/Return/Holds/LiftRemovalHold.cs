using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Holds;

/// <summary>Lift a medical or vulnerability hold.</summary>
public sealed record LiftRemovalHold(string CaseId, long? ExpectedVersion, string LiftedBy) : IReturnCommand;

public static class LiftRemovalHoldHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, LiftRemovalHold command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.LiftedBy, "LiftedBy");
        return open.Hold is null ? [] : [new RemovalHoldLifted(command.CaseId, command.LiftedBy, now)];
    }
}
