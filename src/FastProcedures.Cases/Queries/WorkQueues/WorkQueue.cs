using FastProcedures.Cases.Queries.CaseSummaries;
using Marten;

namespace FastProcedures.Cases.Queries.WorkQueues;

/// <summary>A unit's open cases, most urgent legal deadline first (breached ones on top), then the oldest.</summary>
public static class WorkQueue
{
    public static async Task<IReadOnlyList<CaseSummary>> ForUnitAsync(
        IQuerySession session, string unit, int take = 100, CancellationToken cancellation = default)
    {
        var cases = await session.Query<CaseSummary>()
            .Where(c => c.Unit == unit && !c.Closed)
            .OrderBy(c => c.NextDeadlineAt)
            .ThenBy(c => c.OpenedAt)
            .Take(take * 2)
            .ToListAsync(cancellation);
        return cases
            .OrderByDescending(c => c.BreachedDeadlines > 0)
            .ThenBy(c => c.NextDeadlineAt ?? DateTimeOffset.MaxValue)
            .ThenBy(c => c.OpenedAt)
            .Take(take)
            .ToList();
    }
}
