using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.RecordingWhereabouts;

/// <summary>Record that the applicant is relocated under solidarity (AMMR Art. 67(11)).</summary>
public sealed record RecordRelocation(string CaseId, long? ExpectedVersion, string ToState, string RecordedBy) : IAsylumCommand;

public static class RecordRelocationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordRelocation command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ToState, "ToState");
        Validation.Required(command.RecordedBy, "RecordedBy");
        return [new ApplicantRelocated(command.CaseId, command.ToState, command.RecordedBy, now)];
    }
}
