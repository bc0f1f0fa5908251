using JasperFx.Events;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Detaining;

/// <summary>Record that the detained applicant is released.</summary>
public sealed record ReleaseApplicant(string CaseId, long? ExpectedVersion, string ReleasedBy);

public static class ReleaseApplicantHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ReleaseApplicant command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ReleasedBy, "ReleasedBy");
        return open.Detained ? [new ApplicantReleased(command.CaseId, command.ReleasedBy, now)] : [];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        ReleaseApplicant command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
