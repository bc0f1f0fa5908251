using FastProcedures.Cases.Deadlines.NotifyingUnits;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Queries.Kpis;
using JasperFx.Events.Projections;
using Marten;

namespace FastProcedures.Cases.Queries;

/// <summary>The read side: case summaries (work queues, deadline boards), unit inboxes and KPI facts.</summary>
public static class QueriesConfiguration
{
    public static void AddQueries(this StoreOptions store)
    {
        // The API reads a case's summary right after a command (case page, the command's kind check): inline.
        store.Projections.Add(new CaseSummaryProjection(), ProjectionLifecycle.Inline);
        // Work queues and deadline boards stay fast at a million cases (DESIGN §7).
        store.IndexBoardsAndQueues();
        // The KPI view reads facts by day; nothing filters on the fact column, whose index cost every fact's insert.
        store.Schema.For<KpiFact>().Duplicate(x => x.Day);
        store.Schema.For<UnitInboxItem>().Index(x => x.Unit);
    }

    /// <summary>Cross-case views, run by the async daemon of the serving host only (not by the CLI's tools).</summary>
    public static void AddAsyncQueries(this StoreOptions store)
    {
        store.Projections.Add(new KpiFactProjection(), ProjectionLifecycle.Async);
    }
}
