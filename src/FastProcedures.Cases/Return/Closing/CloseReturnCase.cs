using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Closing;

/// <summary>Close the return case with its reason.</summary>
public sealed record CloseReturnCase(string CaseId, long? ExpectedVersion, string Reason, string ClosedBy) : IReturnCommand;

public static class CloseReturnCaseHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, CloseReturnCase command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.ClosedBy, "ClosedBy");
        return [new ReturnCaseClosed(command.CaseId, command.Reason, command.ClosedBy, now)];
    }
}
