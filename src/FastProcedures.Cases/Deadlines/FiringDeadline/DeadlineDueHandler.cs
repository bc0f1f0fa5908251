using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Deadlines.FiringDeadline;

/// <summary>A scheduled warning or expiry fired: the case is re-read and woken only if that timer generation still
/// runs, so stopped, extended or suspended timers fire harmlessly and a second firing records nothing.</summary>
public static class DeadlineDueHandler
{
    public static async Task<OutgoingMessages> Handle(
        DeadlineDue due, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation)
    {
        // A message delivered a little early (clock skew between nodes) acts at its due time, never before.
        var now = clock.GetUtcNow() < due.DueAt ? due.DueAt : clock.GetUtcNow();
        return due.CaseKind == ReturnCases.Kind.Name
            ? CaseStreams.Wake(ReturnCases.Kind, await session.Events.FetchForExclusiveWriting<ReturnCase>(due.CaseId, cancellation), catalog, due, now)
            : CaseStreams.Wake(AsylumCases.Kind, await session.Events.FetchForExclusiveWriting<AsylumCase>(due.CaseId, cancellation), catalog, due, now);
    }
}
