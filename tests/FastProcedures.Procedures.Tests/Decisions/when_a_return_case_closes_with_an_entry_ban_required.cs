using FastProcedures.Cases;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Workflows;

namespace FastProcedures.Procedures.Tests.Decisions;

/// <summary>
/// RD Art. 11(1): "Return decisions shall be accompanied by an entry ban: (a) if no period for voluntary departure has
/// been granted, or (b) if the obligation to return has not been complied with." The definition says so by sending
/// <c>EntryBanRequired</c> to the return unit; the pure decision of <see cref="CloseReturnCase"/> refuses to close such
/// a case until <see cref="IssueEntryBan"/> recorded the ban, unless the return decision no longer stands.
/// </summary>
public sealed class when_a_return_case_closes_with_an_entry_ban_required
{
    private const string Id = "BG-2026-600001-R";
    private static readonly DateTimeOffset OpenedAt = DateTimeOffset.Parse("2026-09-01T09:00:00+03:00");
    private static readonly DateTimeOffset Now = OpenedAt.AddDays(40);

    private static readonly UnitMessageSent BanRequired = new(Id, "return-procedure",
        new MessageSent(ReturnCase.EntryBanRequiredMessage, "return", "ReturnDecisionIssued in stage return-decision"), OpenedAt);

    private static readonly EntryBanIssued Ban = new(Id, 3, "RD Art. 11(1)(a)", "officer-return", OpenedAt.AddDays(1));

    private static ReturnCase Case(params object[] events)
    {
        var opened = new ReturnCaseOpened(Id, "BG", ReturnBasis.IrregularStay, null, false, "TUR", "officer-return", OpenedAt);
        var started = new WorkflowStarted(Id, "return-procedure", 5, "hash", "BG", 1, "sha", nameof(ReturnCaseOpened), OpenedAt);
        return events.Aggregate(ReturnCase.Fold(ReturnCase.Fold(null, opened), started)!, (state, e) => ReturnCase.Fold(state, e)!);
    }

    private static CloseReturnCase Close(bool withdrawn = false) => new(Id, null, "Returnee removed.", "officer-return", withdrawn);

    [Fact]
    public void the_definitions_message_records_that_a_ban_is_required()
    {
        Assert.False(Case().EntryBanRequired);
        Assert.True(Case(BanRequired).EntryBanRequired);
        Assert.Equal(Ban, Case(BanRequired, Ban).EntryBan);
    }

    [Fact]
    public void closing_is_refused_while_the_required_ban_was_not_issued()
    {
        var refused = Assert.Throws<CaseCommandRefused>(() => CloseReturnCaseHandler.Decide(Case(BanRequired), Close(), Now));

        Assert.Contains("RD Art. 11(1)", refused.Message);
        Assert.Contains("entry ban", refused.Message);
    }

    [Fact]
    public void closing_is_allowed_once_the_ban_was_issued()
    {
        var closed = Assert.IsType<ReturnCaseClosed>(Assert.Single(CloseReturnCaseHandler.Decide(Case(BanRequired, Ban), Close(), Now)));

        Assert.Equal(Now, closed.ClosedAt);
    }

    [Fact]
    public void closing_is_allowed_when_no_ban_is_required()
    {
        Assert.Single(CloseReturnCaseHandler.Decide(Case(), Close(), Now));
    }

    [Fact]
    public void closing_because_the_return_decision_was_withdrawn_needs_no_ban()
    {
        Assert.Single(CloseReturnCaseHandler.Decide(Case(BanRequired), Close(withdrawn: true), Now));
    }
}
