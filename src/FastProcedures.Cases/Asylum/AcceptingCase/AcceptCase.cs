using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.AcceptingCase;

/// <summary>The asylum unit takes over a registered case from its queue; a repeated delivery changes nothing.</summary>
public static class ApplicationReadyForExaminationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ApplicationReadyForExamination message, DateTimeOffset now) =>
        state is null || state.AcceptedByAsylumUnit
            ? []
            : [new CaseAcceptedByUnit(message.CaseId, "asylum", "asylum-unit", now)];

    public static Task Handle(
        ApplicationReadyForExamination message, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(AsylumCases.Kind, message.CaseId, null,
            (state, now) => Decide(state, message, now), cancellation);
}
