using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum.Transferring;

/// <summary>Record that a court or tribunal suspended the transfer pending the appeal against the transfer decision
/// (AMMR Art. 43(3)): the transfer period stops and runs again, for six whole months, from the final decision on the
/// appeal (Art. 46(1), <c>decide-appeal</c> with <c>against: transfer-decision</c>). Refused without a transfer appeal
/// or a running transfer period; recorded again while suspended, nothing changes.</summary>
public sealed record SuspendTransfer(string CaseId, long? ExpectedVersion, string Court, string RecordedBy) : IAsylumCommand;

public static class SuspendTransferHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, SuspendTransfer command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Court, "Court");
        Validation.Required(command.RecordedBy, "RecordedBy");
        if (open.TransferSuspended)
        {
            return [];
        }
        Validation.Require(open.OtherAppeals.Count(a => a.Against == AppealAgainst.TransferDecision)
                           > open.OtherAppealDecisions.Count(d => d.Against == AppealAgainst.TransferDecision),
            $"Case {command.CaseId} has no pending appeal against a transfer decision: a court suspends the transfer pending it (AMMR Art. 43(3)).");
        Validation.Require(LiveTimers.StoppedOn(catalog, open, nameof(TransferSuspended)).Count > 0,
            $"No transfer period of case {command.CaseId} is running (AMMR Art. 46(1)).");
        return [new TransferSuspended(command.CaseId, command.Court, command.RecordedBy, now)];
    }
}
