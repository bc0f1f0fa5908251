using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.IssuingDecision;

/// <summary>Record that a decision issued for later notification was notified to the applicant, at <c>NotifiedAt</c>
/// (not before the decision, not in the future). The appeal window counts from the notification (APR Art. 67(7)): its
/// end is computed and recorded, and the procedure's definition starts its appeal deadline on it.</summary>
public sealed record RecordDecisionNotification(string CaseId, long? ExpectedVersion, DateTimeOffset NotifiedAt, string RecordedBy) : IAsylumCommand;

public static class RecordDecisionNotificationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordDecisionNotification command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Decision is not null, $"Case {command.CaseId} has no decision to notify.");
        if (open.Decision!.NotifiedAt is { } notified)
        {
            return notified == command.NotifiedAt
                ? []
                : throw new CaseCommandRefused($"The decision on case {command.CaseId} was notified already, at {notified:O}.");
        }
        Validation.Require(open.Decision.AppealWindowEndsAt is null || !open.Decision.Negative,
            $"The decision on case {command.CaseId} was notified when it was issued.");
        Validation.Require(command.NotifiedAt >= open.Decision.DecidedAt,
            $"NotifiedAt {command.NotifiedAt:O} is before the decision ({open.Decision.DecidedAt:O}).");
        Validation.Require(command.NotifiedAt <= now, $"NotifiedAt {command.NotifiedAt:O} is in the future.");
        if (!open.Decision.Negative)
        {
            return [new DecisionNotified(command.CaseId, false, command.NotifiedAt, null, null, command.RecordedBy, now)];
        }
        var (window, endsAt) = IssueDecisionHandler.AppealWindow(open, command.NotifiedAt, catalog);
        return [new DecisionNotified(command.CaseId, true, command.NotifiedAt, window.ToString(), endsAt, command.RecordedBy, now)];
    }

    /// <summary>Whether the case's procedure, as pinned, starts its appeal deadline on the notification (a definition
    /// with a timer starting on <c>DecisionNotified</c>).</summary>
    public static bool CountsFromNotification(WorkflowCatalog catalog, AsylumCase state) =>
        AsylumCases.ProcedureDefinition(catalog, state)?.Timers.Any(t => t.StartsOn.Contains(nameof(DecisionNotified))) == true;
}
