using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.DeterminingResponsibility;

/// <summary>Start determining the Member State responsible (AMMR Arts. 39-46) for a registered application. The event
/// carries the registration instant, from which the take-charge request limits count (AMMR Art. 39(1), 45(1)), and
/// whether the applicant is detained (Art. 45(1): 2 weeks instead of 2 months). The definition the check runs on is
/// the one in force on the day the application was made (AMMR applies from 1 July 2026).</summary>
public sealed record StartResponsibilityCheck(string CaseId, long? ExpectedVersion, string StartedBy) : IAsylumCommand;

public static class StartResponsibilityCheckHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, StartResponsibilityCheck command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.StartedBy, "StartedBy");
        Validation.Require(open.Registered, $"Case {command.CaseId} is not registered yet: the AMMR limits count from registration.");
        var workflow = catalog.StartedBy(AsylumCases.Kind.Name, nameof(ResponsibilityCheckStarted));
        if (workflow is not null && open.Workflows.Has(workflow))
        {
            return [];
        }
        var made = DateOnly.FromDateTime(open.MadeAt.UtcDateTime);
        Validation.Require(workflow is not null && catalog.Registry.All.Any(d => d.Id == workflow && (d.AppliesFrom is null || d.AppliesFrom <= made)),
            $"No responsibility procedure applies to case {command.CaseId}, made on {made:yyyy-MM-dd} (the AMMR applies from its definition's applies-from).");
        return [new ResponsibilityCheckStarted(command.CaseId, command.StartedBy, now, open.Detained, open.RegisteredAt)];
    }
}
