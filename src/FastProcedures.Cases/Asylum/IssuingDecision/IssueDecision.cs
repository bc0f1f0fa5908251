using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Clock;
using Wolverine;

namespace FastProcedures.Cases.Asylum.IssuingDecision;

/// <summary>
/// Issue the first-instance decision. It must carry its reason (the legal ground as a code, e.g. APR Art. 42(1)(j),
/// and free text), its legal basis and the deciding officer; a negative decision carries the return decision issued
/// with it (2023 pilot's joint decision), and the appeal window and suspensive effect are computed and recorded, so
/// an appeal can be computed from the stream alone (APR Art. 67-68). The appeal window counts from notification (APR
/// Art. 67(7)): a decision is notified when issued, unless <c>NotifiedLater</c>; then <see cref="RecordDecisionNotification"/>
/// records the notification and the window starts there.
/// </summary>
public sealed record IssueDecision(
    string CaseId, long? ExpectedVersion, DecisionOutcome Outcome, DecisionReason? Reason, string LegalBasis,
    string DecidedBy, JointReturnDecision? ReturnDecision, bool? NotifiedLater = null) : IAsylumCommand;

public static class IssueDecisionHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, IssueDecision command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        if (open.Decision is { } earlier)
        {
            return earlier.Outcome == command.Outcome
                ? []
                : throw new CaseCommandRefused($"Case {command.CaseId} was decided already ({EventData.KebabCase(earlier.Outcome.ToString())}).");
        }
        Validation.Require(open.Registered && open.Procedure is not null, $"Case {command.CaseId} is not registered in a procedure yet.");
        Validation.Require(command.Reason is { Code.Length: > 0, Text.Length: > 0 },
            "A decision needs a structured reason: the legal ground as a code (e.g. 'APR Art. 42(1)(j)') and a text.");
        Validation.Required(command.LegalBasis, "LegalBasis");
        Validation.Required(command.DecidedBy, "DecidedBy");
        var negative = command.Outcome is not (DecisionOutcome.GrantedRefugee or DecisionOutcome.GrantedSubsidiary);
        if (!negative)
        {
            Validation.Require(command.ReturnDecision is null, "A positive decision carries no return decision.");
            return
            [
                new DecisionIssued(command.CaseId, command.Outcome, false, command.Reason!, command.LegalBasis, command.DecidedBy,
                    now, null, null, false, null, command.NotifiedLater == true ? null : now, command.NotifiedLater == true),
            ];
        }
        Validation.Require(command.Outcome == DecisionOutcome.ImplicitlyWithdrawn || command.ReturnDecision is not null,
            "A rejection is issued together with a return decision (RD Art. 6(6); 2023 pilot): give ReturnDecision.");
        if (command.ReturnDecision is { } joint)
        {
            Validation.Require(joint.VoluntaryDepartureDays is >= 0 and <= 30,
                "The voluntary departure period is 0 to 30 days (RD Art. 7(1), 7(4)).");
            Validation.Required(joint.LegalBasis, "ReturnDecision.LegalBasis");
            Validation.Required(joint.Reason, "ReturnDecision.Reason");
        }
        var (window, endsAt) = AppealWindow(open, now, catalog);
        var later = command.NotifiedLater == true;
        Validation.Require(!later || RecordDecisionNotificationHandler.CountsFromNotification(catalog, open),
            $"The procedure of case {command.CaseId} ({open.Procedure} as pinned) starts the appeal window with the decision: it cannot be notified later.");
        return
        [
            new DecisionIssued(command.CaseId, command.Outcome, true, command.Reason!, command.LegalBasis, command.DecidedBy,
                now, window.ToString(), later ? null : endsAt, AsylumCases.ProcedureDefinition(catalog, open)!.AppealSuspendsRemoval,
                command.ReturnDecision, later ? null : now, later),
            new ReturnCaseLinked(command.CaseId, AsylumCases.ReturnCaseIdOf(command.CaseId), now),
        ];
    }

    /// <summary>APR Art. 67(7): (a) 1-2 weeks after a decision in the border, accelerated or inadmissibility procedure
    /// or an implicit withdrawal, (b) 2 weeks to 1 month in the regular procedure. The procedure's definition names
    /// its window parameter (<c>appeal.window</c>); each country's value lives in its calendar's parameters.</summary>
    public static (LegalPeriod Window, DateTimeOffset EndsAt) AppealWindow(AsylumCase state, DateTimeOffset from, WorkflowCatalog catalog)
    {
        var calendar = catalog.Calendar(state.Country);
        var window = AsylumCases.ProcedureDefinition(catalog, state)?.AppealWindowIn(calendar.Parameters)
            ?? throw new CaseCommandRefused($"The procedure of case {state.Id} ({state.Procedure}) defines no appeal window (appeal.window).");
        return (window, LegalClock.Expiry(from, window, calendar).ExpiresAt);
    }
}
