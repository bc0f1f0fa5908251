using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.Closing;

/// <summary>Close the return case with its reason.</summary>
public sealed record CloseReturnCase(string CaseId, long? ExpectedVersion, string Reason, string ClosedBy);

public static class CloseReturnCaseHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, CloseReturnCase command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.ClosedBy, "ClosedBy");
        return [new ReturnCaseClosed(command.CaseId, command.Reason, command.ClosedBy, now)];
    }

    public static Task<CaseChange> Handle(
        CloseReturnCase command, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(ReturnCases.Kind, command.CaseId, command.ExpectedVersion,
            (state, now) => Decide(state, command, now), cancellation);
}
