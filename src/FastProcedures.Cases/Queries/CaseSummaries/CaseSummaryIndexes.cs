using Marten;

namespace FastProcedures.Cases.Queries.CaseSummaries;

/// <summary>
/// The columns and indexes the deadline board and the work queues read a page through at a million open cases
/// (DESIGN §7): the tenant (the case's country) first, then the equality filters, then the order of the page, so
/// PostgreSQL walks one index range in order and stops at the page instead of reading and sorting every open case.
/// </summary>
public static class CaseSummaryIndexes
{
    public const string Board = "mt_doc_casesummary_idx_board";
    public const string Queue = "mt_doc_casesummary_idx_queue";

    public static void IndexBoardsAndQueues(this StoreOptions store)
    {
        // Each duplicated column's own index is widened to the columns the query filters and orders by.
        store.Schema.For<CaseSummary>()
            .Duplicate(x => x.BoardAt, configure: index =>
            {
                index.Name = Board;
                index.Columns = ["tenant_id", "closed", "board_at"];
            })
            .Duplicate(x => x.Breached)
            .Duplicate(x => x.OpenedAtUtc, configure: index =>
            {
                index.Name = Queue;
                index.Columns = ["tenant_id", "unit", "closed", "breached", "next_deadline_at", "opened_at_utc"];
            });
    }
}
