using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Detention;

/// <summary>Order detention for removal (RD Art. 15(1)); at most 6 months, +12 (Art. 15(5)-(6)), all detention for
/// removal of the person added up (CJEU C-357/09 PPU Kadzoev; RBPR Art. 6(1)(b)). <c>EarlierDetentionDays</c>: days
/// of detention for removal the person served before this case (other orders, other cases), declared with the
/// first order; the days served on this case are added by the case itself.</summary>
public sealed record OrderDetention(
    string CaseId, long? ExpectedVersion, string Facility, string Grounds, string OrderedBy, int? EarlierDetentionDays = null) : IReturnCommand;

public static class OrderDetentionHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, OrderDetention command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Facility, "Facility");
        Validation.Required(command.Grounds, "Grounds");
        Validation.Required(command.OrderedBy, "OrderedBy");
        if (open.Detained)
        {
            return [];
        }
        var earlier = command.EarlierDetentionDays ?? 0;
        Validation.Require(earlier >= 0, "EarlierDetentionDays cannot be negative.");
        Validation.Require(earlier == 0 || open.DetentionDaysServed == 0,
            $"Earlier detention of the person is declared once, with the first order on case {command.CaseId}; {open.DetentionDaysServed} day(s) are recorded already.");
        return [new DetentionOrdered(command.CaseId, command.Facility, command.Grounds, command.OrderedBy, now, open.DetentionDaysServed + earlier)];
    }
}
