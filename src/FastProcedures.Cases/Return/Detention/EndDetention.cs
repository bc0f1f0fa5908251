using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Detention;

/// <summary>End detention (RD Art. 15(4): when removal is no longer reasonably possible, or on review).</summary>
public sealed record EndDetention(string CaseId, long? ExpectedVersion, string Reason, string EndedBy) : IReturnCommand;

public static class EndDetentionHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, EndDetention command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.EndedBy, "EndedBy");
        return open.Detained ? [new DetentionEnded(command.CaseId, command.Reason, command.EndedBy, now)] : [];
    }
}
