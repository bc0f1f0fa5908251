using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;

namespace FastProcedures.Cases.Messages;

/// <summary>A message for a unit's queue (reception, asylum, return).</summary>
public sealed record UnitMessage(string Unit, object Message);

/// <summary>
/// A scheduled deadline message: sent when a timer starts (or is resumed or extended) for its warning and its expiry,
/// persisted by Wolverine in PostgreSQL. When it fires, the case is re-read and acts only if that timer generation is
/// still running (STYLE 6).
/// </summary>
public sealed record DeadlineDue(
    string CaseId, string Country, string CaseKind, string Workflow, string Timer, int Generation, string Kind, DateTimeOffset DueAt);

/// <summary>A message a definition sends to a unit that needs no handling beyond showing in the unit's inbox
/// (warnings, breach escalations such as <c>BorderProcedureLimitExceeded</c>).</summary>
public sealed record UnitNotified(
    string CaseId, string Country, string Workflow, string Message, string Unit, string Reason, DateTimeOffset SentAt);

/// <summary>A negative asylum decision: the return unit opens the linked return case and issues the return decision
/// together with it (2023 pilot's joint decision; RBPR Art. 4, RD Art. 6(6)).</summary>
public sealed record ReturnDecisionRequested(
    string AsylumCaseId, string ReturnCaseId, string Country, string Nationality, bool BorderProcedure,
    DecisionIssued AsylumDecision);

/// <summary>The negative asylum decision became final: the dossier the return unit needs, acknowledged on receipt.</summary>
public sealed record AsylumCaseHandedOver(string AsylumCaseId, string ReturnCaseId, string Country, HandOverDossier Dossier);

/// <summary>The return unit received the hand-over dossier.</summary>
public sealed record HandOverAcknowledgement(string AsylumCaseId, string ReturnCaseId, string Country, DateTimeOffset AcknowledgedAt);

/// <summary>The linked asylum case changed what it says about the person's right to stay (APR Art. 68):
/// <c>RightToRemainEnded</c> when the right to remain ended, <c>AllowedToRemain</c> when a court allowed the person
/// to remain pending an appeal.</summary>
public sealed record LinkedAsylumStatus(
    string AsylumCaseId, string ReturnCaseId, string Country, bool AppealWindowOpen, bool SuspensiveAppealPending,
    bool AsylumDecisionFinal, bool AppealUpheld, DateTimeOffset ChangedAt,
    FastProcedures.Cases.Asylum.RightToRemainEnded? RightToRemainEnded = null, bool AllowedToRemain = false);

/// <summary>RBPR Art. 4(2): the return border procedure's 12 weeks passed; the return unit continues the case in the
/// ordinary return procedure under the Return Directive.</summary>
public sealed record ReturnBorderProcedureLimitPassed(string ReturnCaseId, string Country, string Reason, DateTimeOffset PassedAt);
