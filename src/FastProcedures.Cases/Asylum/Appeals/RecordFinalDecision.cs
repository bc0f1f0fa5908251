using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record that the decision became final: the appeal window passed unused (APR Art. 67).</summary>
public sealed record RecordFinalDecision(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordFinalDecisionHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordFinalDecision command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Decision is not null, $"Case {command.CaseId} has no decision.");
        if (open.Final)
        {
            return [];
        }
        Validation.Require(open.Appeal is null, $"An appeal is pending on case {command.CaseId}: the decision becomes final when it is decided.");
        Validation.Require(!open.Decision!.Negative || open.Decision.AppealWindowEndsAt is not null,
            $"The decision on case {command.CaseId} has not been notified: the appeal window has not started (APR Art. 67(7)).");
        Validation.Require(open.Decision!.AppealWindowEndsAt is not { } ends || ends <= now,
            $"The appeal window of case {command.CaseId} is open until {open.Decision.AppealWindowEndsAt:O}.");
        var final = new DecisionBecameFinal(command.CaseId, open.Decision.Negative, command.RecordedBy, now);
        // APR Art. 68(2): the right to remain lasts until the appeal window expires; it ended then, not when recorded.
        return open.Decision.Negative && open.RightToRemainEnded is null
            ? [final, new RightToRemainEnded(command.CaseId, RightToRemainEndReason.AppealWindowPassed,
                open.Decision.AppealWindowEndsAt ?? now, command.RecordedBy, now)]
            : [final];
    }
}
