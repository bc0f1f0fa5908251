using Marten;

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

    public static void IndexBoardsAndQueues(this StoreOptions store)
    {
        store.Schema.For<CaseSummary>()
            .Duplicate(x => x.BoardAt).Duplicate(x => x.Breached).Duplicate(x => x.OpenedAtUtc)
            .Index([x => x.Closed, x => x.BoardAt!, x => x.Id], index => index.Name = Board)
            .Index([x => x.Unit!, x => x.Closed, x => x.Breached, x => x.NextDeadlineAt!, x => x.OpenedAtUtc, x => x.Id], index => index.Name = Queue)
            // Every read of case summaries is one country's: each index starts with tenant_id.
            .StartIndexesByTenantId();
    }
}
