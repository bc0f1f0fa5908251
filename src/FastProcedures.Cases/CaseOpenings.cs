using FastProcedures.Cases.Audit.TamperEvidence;
using JasperFx.Events;
using Marten;

namespace FastProcedures.Cases;

/// <summary>
/// A command that opens a case starts its stream. Two openings of one case id at the same time would both find no
/// stream and meet at Marten's insert, which fails the loser's whole batch (and Marten logs it as an error). Instead,
/// openings of one stream id queue on a transaction-scoped advisory lock (the same one as unversioned appends), and the
/// later one, finding the stream committed, is refused with <see cref="CaseAlreadyExists"/> before anything is sent.
/// </summary>
public sealed class CaseOpeningListener : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var starts = session.PendingChanges.Streams().Where(s => s.ActionType == StreamActionType.Start).ToList();
        if (starts.Count == 0)
        {
            return;
        }
        await HashChainListener.LockAsync(session, starts
            .Select(s => $"{s.TenantId ?? session.TenantId}/{s.Key ?? s.Id.ToString()}")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), token);
        foreach (var start in starts)
        {
            var key = start.Key ?? start.Id.ToString();
            var tenant = start.TenantId ?? session.TenantId;
            IQuerySession query = tenant == session.TenantId ? session : session.ForTenant(tenant);
            if (await query.Events.FetchStreamStateAsync(key, token) is not null)
            {
                throw new CaseAlreadyExists(key);
            }
        }
    }
}
