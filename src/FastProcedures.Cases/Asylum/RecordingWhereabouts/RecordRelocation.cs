using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.RecordingWhereabouts;

/// <summary>Record that the applicant is relocated under solidarity (AMMR Art. 67(11)).</summary>
public sealed record RecordRelocation(string CaseId, long? ExpectedVersion, string ToState, string RecordedBy);

public static class RecordRelocationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RecordRelocation command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ToState, "ToState");
        Validation.Required(command.RecordedBy, "RecordedBy");
        return [new ApplicantRelocated(command.CaseId, command.ToState, command.RecordedBy, now)];
    }

    public static Task<CaseChange> Handle(
        RecordRelocation command, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(AsylumCases.Kind, command.CaseId, command.ExpectedVersion,
            (state, now) => Decide(state, command, now), cancellation);
}
