using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Closing;

/// <summary>Close the return case with its reason. <c>ReturnDecisionWithdrawn</c>: the case closes because the return
/// decision no longer stands (withdrawn or annulled, e.g. protection granted on appeal, recorded in error), so no entry
/// ban accompanies it (RD Art. 11(1) attaches the ban to a return decision).</summary>
public sealed record CloseReturnCase(
    string CaseId, long? ExpectedVersion, string Reason, string ClosedBy, bool ReturnDecisionWithdrawn = false) : IReturnCommand;

public static class CloseReturnCaseHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, CloseReturnCase command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.ClosedBy, "ClosedBy");
        // RD Art. 11(1): "Return decisions shall be accompanied by an entry ban: (a) if no period for voluntary departure
        // has been granted, or (b) if the obligation to return has not been complied with."
        Validation.Require(!open.EntryBanRequired || open.EntryBan is not null || command.ReturnDecisionWithdrawn,
            "An entry ban is required before the return case closes (RD Art. 11(1): no voluntary departure was granted "
            + "or it was not complied with): issue the entry ban first, or close with returnDecisionWithdrawn when the "
            + "return decision no longer stands.");
        return [new ReturnCaseClosed(command.CaseId, command.Reason, command.ClosedBy, now)];
    }
}
