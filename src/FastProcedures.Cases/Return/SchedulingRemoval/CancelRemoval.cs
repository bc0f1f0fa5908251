using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.SchedulingRemoval;

/// <summary>Cancel a scheduled removal.</summary>
public sealed record CancelRemoval(string CaseId, long? ExpectedVersion, string Reason, string CancelledBy) : IReturnCommand;

public static class CancelRemovalHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, CancelRemoval command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.CancelledBy, "CancelledBy");
        return open.Removal is null ? [] : [new RemovalCancelled(command.CaseId, command.Reason, command.CancelledBy, now)];
    }
}
