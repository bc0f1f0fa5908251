using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Clock;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.OpeningReturnCase;

/// <summary>
/// A negative asylum decision arrives at the return unit: it opens the linked return case and records the return
/// decision issued together with the asylum decision (2023 pilot's joint decision; RD Art. 6(6)). A repeated
/// delivery changes nothing.
/// </summary>
public static class ReturnDecisionRequestedHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ReturnDecisionRequested message, DateTimeOffset now, WorkflowCatalog catalog)
    {
        if (state is not null)
        {
            return [];
        }
        var asylum = message.AsylumDecision;
        var joint = asylum.ReturnDecision
            ?? throw new CaseCommandRefused($"The negative decision on {message.AsylumCaseId} carries no return decision.");
        var opened = new ReturnCaseOpened(message.ReturnCaseId, message.Country, ReturnBasis.AsylumRejection, message.AsylumCaseId,
            message.BorderProcedure, message.Nationality, ReturnConfiguration.Actor, now);
        return [opened, Issued(message.ReturnCaseId, joint, asylum.DecidedBy, asylum.DecidedAt, true, catalog.Calendar(message.Country))];
    }

    /// <summary>The return decision with its voluntary departure period (RD Art. 7(1); 0 days under Art. 7(4)).</summary>
    public static ReturnDecisionIssued Issued(
        string caseId, JointReturnDecision decision, string decidedBy, DateTimeOffset decidedAt, bool joint, CountryCalendar calendar)
    {
        var voluntary = decision.VoluntaryDepartureDays > 0;
        DateTimeOffset? endsAt = voluntary
            ? LegalClock.Expiry(decidedAt, LegalPeriod.Parse($"P{decision.VoluntaryDepartureDays}D"), calendar).ExpiresAt
            : null;
        return new ReturnDecisionIssued(caseId, voluntary, decision.VoluntaryDepartureDays, endsAt,
            new DecisionReason(decision.LegalBasis, decision.Reason), decision.LegalBasis, joint, decidedBy, decidedAt);
    }

    public static Task<OutgoingMessages> Handle(
        ReturnDecisionRequested message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation) =>
        CaseStreams.ReactAsync(ReturnCases.Kind, session, catalog, clock, message.ReturnCaseId, (state, now) => Decide(state, message, now, catalog), cancellation);
}
