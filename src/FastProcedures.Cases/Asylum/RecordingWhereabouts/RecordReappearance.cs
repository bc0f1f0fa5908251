using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.RecordingWhereabouts;

/// <summary>Record that an absconded applicant reappeared; suspended timers resume.</summary>
public sealed record RecordReappearance(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordReappearanceHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordReappearance command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Absconded, $"The applicant of case {command.CaseId} is not recorded as absconded.");
        return [new ApplicantReappeared(command.CaseId, command.RecordedBy, now)];
    }
}
