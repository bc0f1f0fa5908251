using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.ContinuingUnderTheDirective;

/// <summary>The return border procedure ended on its limit (RBPR Art. 4(2)): the case falls to the ordinary return
/// procedure under the RD, whose workflow <see cref="ReturnBorderProcedureEnded"/> starts (the definitions say which).
/// A redelivery changes nothing.</summary>
public static class ReturnBorderProcedureLimitPassedHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ReturnBorderProcedureLimitPassed message, WorkflowCatalog catalog)
    {
        var ended = new ReturnBorderProcedureEnded(message.ReturnCaseId, message.Reason, message.PassedAt);
        return state is null || state.Closed || (catalog.StartedBy(ReturnCases.Kind.Name, ended) is { } next && state.Workflows.Has(next))
            ? []
            : [ended];
    }

    public static Task<OutgoingMessages> Handle(
        ReturnBorderProcedureLimitPassed message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation) =>
        CaseStreams.ReactAsync(ReturnCases.Kind, session, catalog, clock, message.ReturnCaseId, (state, _) => Decide(state, message, catalog), cancellation);
}
