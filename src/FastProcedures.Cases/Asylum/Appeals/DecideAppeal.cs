using JasperFx.Events;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record the court's decision on the appeal (APR Art. 67); a dismissed appeal makes the decision final.</summary>
public sealed record DecideAppeal(string CaseId, long? ExpectedVersion, AppealOutcome Outcome, string RecordedBy);

public static class DecideAppealHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, DecideAppeal command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Appeal is not null, $"Case {command.CaseId} has no pending appeal.");
        if (open.AppealDecision is not null)
        {
            return [];
        }
        var decided = new AppealDecided(command.CaseId, command.Outcome, open.Appeal!.Court, command.RecordedBy, now);
        return command.Outcome == AppealOutcome.Dismissed
            ? [decided, new DecisionBecameFinal(command.CaseId, Negative: true, command.RecordedBy, now)]
            : [decided];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        DecideAppeal command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
