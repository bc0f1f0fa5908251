using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Closing;

/// <summary>Issue an entry ban (RD Art. 11), at most 5 years, counted from departure (CJEU C-225/16).</summary>
public sealed record IssueEntryBan(string CaseId, long? ExpectedVersion, int Years, string LegalBasis, string IssuedBy) : IReturnCommand;

public static class IssueEntryBanHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, IssueEntryBan command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.IssuedBy, "IssuedBy");
        Validation.Required(command.LegalBasis, "LegalBasis");
        Validation.Require(command.Years is >= 1 and <= 5, "An entry ban lasts 1 to 5 years as a rule (RD Art. 11(2)).");
        return [new EntryBanIssued(command.CaseId, command.Years, command.LegalBasis, command.IssuedBy, now)];
    }
}
