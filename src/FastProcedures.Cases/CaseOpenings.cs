using FastProcedures.Cases.Audit.TamperEvidence;
using JasperFx.Events;
using Marten;
using Npgsql;

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
        // One round trip: the advisory locks (in key order, as HashChainListener takes them), then whether each stream
        // exists, read after the locks were granted, so a concurrent opening that committed first is seen.
        var keys = starts.Select(s => (Tenant: s.TenantId ?? session.TenantId, Key: s.Key ?? s.Id.ToString())).Distinct().ToList();
        await session.BeginTransactionAsync(token);
        await using var batch = new NpgsqlBatch(session.Connection!);
        foreach (var lockKey in keys.Select(k => $"{k.Tenant}/{k.Key}").Order(StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtextextended($1, 0))")
            {
                Parameters = { new NpgsqlParameter { Value = lockKey } },
            });
        }
        var streams = $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams";
        foreach (var (tenant, key) in keys)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select 1 from {streams} where id = $1 and tenant_id = $2")
            {
                Parameters = { new NpgsqlParameter { Value = key }, new NpgsqlParameter { Value = tenant } },
            });
        }
        await using var reader = await batch.ExecuteReaderAsync(token);
        for (var i = 0; i < keys.Count; i++)
        {
            await reader.NextResultAsync(token);
        }
        foreach (var (_, key) in keys)
        {
            if (await reader.ReadAsync(token))
            {
                throw new CaseAlreadyExists(key);
            }
            await reader.NextResultAsync(token);
        }
    }
}
