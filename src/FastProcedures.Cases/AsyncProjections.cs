using Marten;

namespace FastProcedures.Cases;

/// <summary>
/// How the async daemon advances past gaps in the event sequence. Concurrent writers to one case roll back (the loser
/// retries), and every rolled-back append leaves sequence numbers that never commit; the daemon must step over those
/// and only those. A slow transaction that commits later inside a gap must still reach the KPI facts: a skipped
/// committed event would be a silent hole in the Steering Committee's figures.
/// </summary>
public static class AsyncProjections
{
    public static void ProjectEveryCommittedEvent(this StoreOptions store)
    {
        // Before stepping over a stale gap the daemon asks PostgreSQL whether a transaction that could still fill
        // it is alive (pg_locks, pg_stat_activity, pg_current_snapshot) and waits it out if so (Marten #4953).
        store.Projections.UseTransactionEvidenceForGapSkipping = true;
        // Never skip past a live appender, however long it takes: no committed event is ever left behind.
        store.Projections.SkipStaleGapsDespiteLiveTransactionsAfter = null;
    }
}
