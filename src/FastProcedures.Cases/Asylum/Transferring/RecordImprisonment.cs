using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum.Transferring;

/// <summary>Record that the transfer cannot be carried out because the applicant is imprisoned: the transfer period
/// is extended as the definition says (AMMR Art. 46(2), up to one year). Refused where no transfer period of the case
/// is running; recorded again, nothing changes.</summary>
public sealed record RecordImprisonment(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordImprisonmentHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordImprisonment command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        var periods = LiveTimers.ExtendedOn(catalog, open, nameof(ApplicantImprisoned));
        Validation.Require(periods.Count > 0,
            $"No period of case {command.CaseId} runs that imprisonment extends: it extends the transfer period (AMMR Art. 46(2)).");
        return LiveTimers.AlreadyExtendedOn(open, nameof(ApplicantImprisoned)) ? [] : [new ApplicantImprisoned(command.CaseId, command.RecordedBy, now)];
    }
}
