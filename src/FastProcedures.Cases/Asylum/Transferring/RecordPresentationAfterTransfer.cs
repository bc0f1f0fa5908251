using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum.Transferring;

/// <summary>Record that the applicant, transferred to this Member State under the AMMR, presented himself or herself
/// to it (APR Art. 28(2)): the application is to be lodged within 21 days of that day, as the procedure's definition
/// counts it. Refused once the application is lodged or where no procedure of the case counts from it; recorded
/// again, nothing changes.</summary>
public sealed record RecordPresentationAfterTransfer(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordPresentationAfterTransferHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordPresentationAfterTransfer command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        if (open.PresentedAfterTransfer)
        {
            return [];
        }
        Validation.Require(!open.Lodged, $"The application of case {command.CaseId} is lodged already (APR Art. 28).");
        Validation.Require(LiveTimers.StartedOn(catalog, open, nameof(ApplicantPresentedAfterTransfer)).Count > 0,
            $"No procedure of case {command.CaseId} counts a time to lodge from the presentation after a transfer (APR Art. 28(2)): register the application first.");
        return [new ApplicantPresentedAfterTransfer(command.CaseId, command.RecordedBy, now)];
    }
}
