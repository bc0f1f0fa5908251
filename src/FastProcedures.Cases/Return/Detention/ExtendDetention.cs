using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Detention;

/// <summary>Extend detention on non-cooperation or delayed documents (RD Art. 15(6)), at most 12 further months.</summary>
public sealed record ExtendDetention(string CaseId, long? ExpectedVersion, string Grounds, string ExtendedBy) : IReturnCommand;

public static class ExtendDetentionHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ExtendDetention command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Grounds, "Grounds");
        Validation.Required(command.ExtendedBy, "ExtendedBy");
        Validation.Require(open.Detained, $"The person of return case {command.CaseId} is not detained.");
        return [new DetentionExtended(command.CaseId, command.Grounds, command.ExtendedBy, now)];
    }
}
