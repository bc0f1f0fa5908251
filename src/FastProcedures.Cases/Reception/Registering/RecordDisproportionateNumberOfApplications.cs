using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Reception.Registering;

/// <summary>Record that a disproportionate number of applications made at the same time makes registration within
/// five days very difficult (APR Art. 27(2)): the registration limit of this case is extended as its definition says.
/// Refused where no running registration limit of the case is extended by it; recorded again, nothing changes.</summary>
public sealed record RecordDisproportionateNumberOfApplications(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordDisproportionateNumberOfApplicationsHandler
{
    public static IReadOnlyList<object> Decide(
        AsylumCase? state, RecordDisproportionateNumberOfApplications command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        var limits = LiveTimers.ExtendedOn(catalog, open, nameof(DisproportionateNumberOfApplications));
        Validation.Require(limits.Count > 0,
            $"No running limit of case {command.CaseId} is extended by a disproportionate number of applications: it extends registration (APR Art. 27(2)).");
        return LiveTimers.AlreadyExtendedOn(open, nameof(DisproportionateNumberOfApplications)) ? [] : [new DisproportionateNumberOfApplications(command.CaseId, command.RecordedBy, now)];
    }
}
