using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record the court's decision on an appeal (APR Art. 67; AMMR Art. 43 for a transfer appeal). A dismissed
/// asylum appeal makes the decision final and ends the right to remain (APR Art. 68(2)); a decided transfer appeal
/// is the final decision from which the AMMR transfer period counts (AMMR Art. 46(1)), and moves nothing else.</summary>
public sealed record DecideAppeal(
    string CaseId, long? ExpectedVersion, AppealOutcome Outcome, string RecordedBy, AppealAgainst? Against = null) : IAsylumCommand;

public static class DecideAppealHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, DecideAppeal command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        var against = command.Against ?? AppealAgainst.AsylumDecision;
        if (against != AppealAgainst.AsylumDecision)
        {
            var lodged = open.OtherAppeals.Where(a => a.Against == against).ToList();
            Validation.Require(lodged.Count > 0, $"Case {command.CaseId} has no appeal against the {Words(against)}.");
            return lodged.Count > open.OtherAppealDecisions.Count(d => d.Against == against)
                ? [new AppealDecided(command.CaseId, command.Outcome, lodged[^1].Court, command.RecordedBy, now, against)]
                : [];
        }
        Validation.Require(open.Appeal is not null, $"Case {command.CaseId} has no pending appeal.");
        if (open.AppealDecision is not null)
        {
            return [];
        }
        var decided = new AppealDecided(command.CaseId, command.Outcome, open.Appeal!.Court, command.RecordedBy, now);
        if (command.Outcome != AppealOutcome.Dismissed)
        {
            return [decided];
        }
        var final = new DecisionBecameFinal(command.CaseId, Negative: true, command.RecordedBy, now);
        return open.RightToRemainEnded is null
            ? [decided, final, new RightToRemainEnded(command.CaseId, RightToRemainEndReason.AppealDismissed, now, command.RecordedBy, now)]
            : [decided, final];
    }

    private static string Words(AppealAgainst against) => EventData.KebabCase(against.ToString()).Replace('-', ' ');
}
