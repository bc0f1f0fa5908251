using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum.DeterminingResponsibility;

/// <summary>Record a Eurodac (or VIS) hit found in the responsibility check, with the instant it was received: the
/// take-charge request is due "within one month of receiving the hit" (AMMR Art. 39(1)), the take-back notification
/// "within two weeks after receiving the Eurodac hit" (Art. 41(1)), as the definition counts them from <c>HitAt</c>.
/// A hit recorded again (same consequence) records nothing.</summary>
public sealed record RecordEurodacHit(string CaseId, long? ExpectedVersion, EurodacHitLeadsTo LeadsTo, DateTimeOffset HitAt, string RecordedBy) : IAsylumCommand;

public static class RecordEurodacHitHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordEurodacHit command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(Enum.IsDefined(command.LeadsTo), $"LeadsTo '{command.LeadsTo}' is take-charge or take-back.");
        Validation.Require(command.HitAt <= now, $"HitAt {command.HitAt:O} is in the future: a hit is recorded once it was received.");
        var workflow = catalog.StartedBy(AsylumCases.Kind.Name, nameof(ResponsibilityCheckStarted));
        Validation.Require(workflow is not null && open.Workflows.Has(workflow),
            $"The responsibility check of case {command.CaseId} has not started (start-responsibility-check).");
        if (open.EurodacHit == command.LeadsTo)
        {
            return [];
        }
        Validation.Require(open.EurodacHit is null,
            $"Case {command.CaseId} has a Eurodac hit leading to {EventData.KebabCase(open.EurodacHit.ToString()!)} already.");
        Validation.Require(!open.TakeChargeRequested,
            $"The take-charge request of case {command.CaseId} was sent already: the hit no longer sets its limit (AMMR Art. 39(1)).");
        return [new EurodacHitReceived(command.CaseId, command.LeadsTo, command.HitAt, command.RecordedBy, now)];
    }
}
