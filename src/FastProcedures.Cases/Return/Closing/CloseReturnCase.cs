using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
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

    public static (CaseChange, OutgoingMessages) Handle(
        CloseReturnCase command, [Case] IEventStream<ReturnCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(ReturnCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
