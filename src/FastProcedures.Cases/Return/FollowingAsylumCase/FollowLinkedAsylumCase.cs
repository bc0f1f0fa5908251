using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.FollowingAsylumCase;

/// <summary>The linked asylum case changed the right to stay: the return case follows it; an upheld appeal closes
/// the return case, since the return decision falls with the asylum decision (APR Art. 68, RD Art. 6(6)).</summary>
public static class LinkedAsylumStatusHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, LinkedAsylumStatus message)
    {
        if (state is null || state.Closed)
        {
            return [];
        }
        // APR Art. 68: the end of the right to remain (why, and the instant it ended) is recorded with the status: it
        // lifts the removal bars and starts the RBPR 12 weeks from that instant (RBPR Art. 4(2): `reason`, `ended_at`).
        // Allowed to remain pending the request or by the court: removal is barred (RemovalBar.RightToRemain).
        var ended = message.RightToRemainEnded;
        var changed = new LinkedAsylumStatusChanged(message.ReturnCaseId, message.AppealWindowOpen, message.SuspensiveAppealPending,
            message.AsylumDecisionFinal, message.AppealUpheld, message.ChangedAt, ended?.Reason, ended?.EndedAt,
            ended is null && message.AllowedToRemain);
        return message.AppealUpheld
            ? [changed, new ReturnCaseClosed(message.ReturnCaseId, "The asylum appeal was upheld: the return decision falls.", ReturnConfiguration.Actor, message.ChangedAt)]
            : [changed];
    }

    public static Task<OutgoingMessages> Handle(
        LinkedAsylumStatus message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        CaseStreams.ReactAsync(ReturnCases.Kind, session, catalog, clock, message.ReturnCaseId,
            (state, _) => Decide(state, message), cancellation);
}
