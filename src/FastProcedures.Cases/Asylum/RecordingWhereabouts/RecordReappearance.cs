using JasperFx.Events;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.RecordingWhereabouts;

/// <summary>Record that an absconded applicant reappeared; suspended timers resume.</summary>
public sealed record RecordReappearance(string CaseId, long? ExpectedVersion, string RecordedBy);

public static class RecordReappearanceHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordReappearance command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        Validation.Require(open.Absconded, $"The applicant of case {command.CaseId} is not recorded as absconded.");
        return [new ApplicantReappeared(command.CaseId, command.RecordedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        RecordReappearance command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
