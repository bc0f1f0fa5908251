using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Holds;

/// <summary>Place a medical or vulnerability hold on removal (RD Art. 5, 9(2)(a)).</summary>
public sealed record PlaceRemovalHold(string CaseId, long? ExpectedVersion, string Reason, string PlacedBy) : IReturnCommand;

public static class PlaceRemovalHoldHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, PlaceRemovalHold command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.PlacedBy, "PlacedBy");
        return [new RemovalHoldPlaced(command.CaseId, command.Reason, command.PlacedBy, now)];
    }
}
