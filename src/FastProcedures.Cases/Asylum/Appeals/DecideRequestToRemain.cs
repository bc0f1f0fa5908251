using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record the court's decision on the applicant's request to be allowed to remain pending an appeal without
/// suspensive effect (APR Art. 68). Refused: the right to remain ends (APR Art. 43(3)(c)) and the return border
/// procedure's 12 weeks start (RBPR Art. 4(2)); allowed: removal stays barred until the appeal is decided.</summary>
public sealed record DecideRequestToRemain(string CaseId, long? ExpectedVersion, bool Allowed, string RecordedBy) : IAsylumCommand;

public static class DecideRequestToRemainHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, DecideRequestToRemain command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Appeal is { RequestsToRemain: true } && open.AppealDecision is null,
            $"Case {command.CaseId} has no pending appeal with a request to remain.");
        if (command.Allowed)
        {
            return open.AllowedToRemain ? [] : [new RemainAllowed(command.CaseId, open.Appeal!.Court, command.RecordedBy, now)];
        }
        Validation.Require(!open.AllowedToRemain, $"The court allowed the applicant of case {command.CaseId} to remain already.");
        return open.RightToRemainEnded is not null
            ? []
            : [new RightToRemainEnded(command.CaseId, RightToRemainEndReason.RequestToRemainRefused, now, command.RecordedBy, now)];
    }
}
