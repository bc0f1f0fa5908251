using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.ExecutingRemoval;

/// <summary>Record that the removal was carried out (RD Art. 8); refused, with the reason, while any bar stands.</summary>
public sealed record ExecuteRemoval(string CaseId, long? ExpectedVersion, string ExecutedBy) : IReturnCommand;

public static class ExecuteRemovalHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ExecuteRemoval command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ExecutedBy, "ExecutedBy");
        if (open.Removed)
        {
            return [];
        }
        RemovalBars.Refuse("Removal refused", open, open.RemovalBars(now));
        return [new RemovalExecuted(command.CaseId, command.ExecutedBy, now)];
    }
}
