using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Detaining;

/// <summary>Record that the detained applicant is released.</summary>
public sealed record ReleaseApplicant(string CaseId, long? ExpectedVersion, string ReleasedBy) : IAsylumCommand;

public static class ReleaseApplicantHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ReleaseApplicant command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ReleasedBy, "ReleasedBy");
        return open.Detained ? [new ApplicantReleased(command.CaseId, command.ReleasedBy, now)] : [];
    }
}
