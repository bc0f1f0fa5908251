using Marten;
using Marten.Schema;

namespace FastProcedures.Cases.Queries.CaseSummaries;

/// <summary>
/// The columns and indexes the deadline board and the work queues read a page through at a million open cases
/// (DESIGN §7): the tenant (the case's country) first, then the equality filters, then the order of the page, so
/// PostgreSQL walks one index range in order and stops at the page instead of reading and sorting every open case.
/// </summary>
public static class CaseSummaryIndexes
{
    public const string Board = "board";
    public const string Queue = "queue";

    /// <summary>The columns filters read, copied out of the JSON on every write. Each is in one of the two indexes
    /// below, or is read only on rows those indexes found: none has an index of its own, since every command rewrites
    /// its case's summary and each index is one more write per command.</summary>
    public static readonly string[] Columns =
    [
        nameof(CaseSummary.Unit), nameof(CaseSummary.Closed), nameof(CaseSummary.NextDeadlineAt),
        nameof(CaseSummary.BoardAt), nameof(CaseSummary.Breached), nameof(CaseSummary.OpenedAtUtc),
        nameof(CaseSummary.HandOverSentAt), nameof(CaseSummary.BreachedDeadlines),
    ];

    /// <summary>Called by Marten when it maps <see cref="CaseSummary"/> (<c>CaseSummary.ConfigureMarten</c>), before
    /// the indexes of <see cref="IndexBoardsAndQueues"/> name these columns.</summary>
    public static void DuplicateColumns(DocumentMapping<CaseSummary> mapping)
    {
        foreach (var column in Columns)
        {
            mapping.DuplicateField(column);
        }
    }

    public static void IndexBoardsAndQueues(this StoreOptions store)
    {
        store.Schema.For<CaseSummary>()
            .Index([x => x.Closed, x => x.BoardAt!, x => x.Id], index => index.Name = Board)
            .Index([x => x.Unit!, x => x.Closed, x => x.Breached, x => x.NextDeadlineAt!, x => x.OpenedAtUtc, x => x.Id], index => index.Name = Queue)
            // Every read of case summaries is one country's: each index starts with tenant_id.
            .StartIndexesByTenantId();
    }

    /// <summary>
    /// Summaries written before these columns existed have them empty, which would keep those cases off the board
    /// and the queues until their next event: at start the columns are filled once from each summary's own JSON,
    /// as the projection computes them. Registered with <c>InitializeMartenWith</c> in the host's configuration.
    /// </summary>
    public sealed class FillNewColumns : IInitialData
    {
        public async Task Populate(IDocumentStore store, CancellationToken cancellation)
        {
            await store.Storage.Database.EnsureStorageExistsAsync(typeof(CaseSummary), cancellation);
            var table = $"{store.Options.DatabaseSchemaName}.mt_doc_casesummary";
            await using var session = store.LightweightSession();
            session.QueueSqlCommand($"""
                update {table} set
                  opened_at_utc = (data->>'OpenedAt')::timestamptz,
                  breached = coalesce((data->>'BreachedDeadlines')::int, 0) > 0,
                  board_at = least(
                    (select min((d->>'ExpiresAt')::timestamptz) from jsonb_array_elements(data->'Deadlines') d
                     where d->>'Status' <> 'Suspended'),
                    (data->>'HandOverSentAt')::timestamptz)
                where opened_at_utc is null
                """);
            await session.SaveChangesAsync(cancellation);
        }
    }
}
