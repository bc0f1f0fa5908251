using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.ContinuingUnderTheDirective;

/// <summary>The return border procedure ended on its limit (RBPR Art. 4(2)): the case falls to the ordinary return
/// procedure under the RD, whose workflow <see cref="ReturnBorderProcedureEnded"/> starts. A redelivery changes nothing.</summary>
public static class ReturnBorderProcedureLimitPassedHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ReturnBorderProcedureLimitPassed message) =>
        state is null || state.Closed || state.Workflows.Has("return-procedure")
            ? []
            : [new ReturnBorderProcedureEnded(message.ReturnCaseId, message.Reason, message.PassedAt)];

    public static Task<OutgoingMessages> Handle(
        ReturnBorderProcedureLimitPassed message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation) =>
        CaseStreams.ReactAsync(ReturnCases.Kind, session, catalog, clock, message.ReturnCaseId, (state, _) => Decide(state, message), cancellation);
}
