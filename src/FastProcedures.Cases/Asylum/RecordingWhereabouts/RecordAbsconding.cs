using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.RecordingWhereabouts;

/// <summary>Record that the applicant absconded (APR Art. 41); timers suspend as the definitions say.</summary>
public sealed record RecordAbsconding(string CaseId, long? ExpectedVersion, string RecordedBy) : IAsylumCommand;

public static class RecordAbscondingHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordAbsconding command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        return open.Absconded ? [] : [new ApplicantAbsconded(command.CaseId, command.RecordedBy, now)];
    }
}
