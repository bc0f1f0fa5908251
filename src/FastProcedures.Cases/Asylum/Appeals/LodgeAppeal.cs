using JasperFx.Events;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record an appeal against the decision (APR Art. 67); whether it suspends removal follows APR Art. 68 unless a court orders otherwise.</summary>
public sealed record LodgeAppeal(string CaseId, long? ExpectedVersion, string Court, bool? SuspensiveEffect, string LodgedBy);

public static class LodgeAppealHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, LodgeAppeal command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Court, "Court");
        Validation.Required(command.LodgedBy, "LodgedBy");
        Validation.Require(open.Decision is not null, $"Case {command.CaseId} has no decision to appeal.");
        if (open.Appeal is not null)
        {
            return [];
        }
        Validation.Require(!open.Final, $"The decision on case {command.CaseId} is final; the appeal window has passed.");
        return [new AppealLodged(command.CaseId, command.SuspensiveEffect ?? open.Decision!.AppealSuspendsRemoval, command.Court, command.LodgedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        LodgeAppeal command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
