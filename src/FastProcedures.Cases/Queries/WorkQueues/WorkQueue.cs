using FastProcedures.Cases.Queries.CaseSummaries;
using Marten;

namespace FastProcedures.Cases.Queries.WorkQueues;

/// <summary>One page of a unit's queue, with the number of its open cases and of those with a breached deadline.</summary>
public sealed record WorkQueuePage(IReadOnlyList<CaseSummary> Cases, int Page, int PageSize, int Total, int Breached);

/// <summary>A unit's open cases, most urgent legal deadline first (breached ones on top), then the oldest.</summary>
public static class WorkQueue
{
    public static async Task<IReadOnlyList<CaseSummary>> ForUnitAsync(
        IQuerySession session, string unit, int take = 100, CancellationToken cancellation = default) =>
        (await PageAsync(session, unit, 1, take, cancellation)).Cases;

    /// <summary>
    /// Both parts of the queue (cases with a breached deadline, then the others) are read in index order — tenant,
    /// unit, open, breached, next deadline, opened — so a page costs one index range whatever the size of the queue.
    /// </summary>
    public static async Task<WorkQueuePage> PageAsync(
        IQuerySession session, string unit, int page = 1, int pageSize = 100, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var open = Open(session, unit);
        var total = await open.CountAsync(cancellation);
        var breached = await open.Where(c => c.Breached).CountAsync(cancellation);
        var skip = (long)(page - 1) * pageSize;
        var cases = new List<CaseSummary>();
        if (skip < breached)
        {
            cases.AddRange(await InQueueOrder(open.Where(c => c.Breached)).Skip((int)skip).Take(pageSize).ToListAsync(cancellation));
        }
        if (cases.Count < pageSize && skip + cases.Count < total)
        {
            var after = Math.Max(0, skip - breached);
            cases.AddRange(await InQueueOrder(open.Where(c => c.Breached == false)).Skip((int)after).Take(pageSize - cases.Count).ToListAsync(cancellation));
        }
        return new WorkQueuePage(cases, page, pageSize, total, breached);
    }

    /// <summary>The unit's open cases (the tenant is the session's).</summary>
    public static IQueryable<CaseSummary> Open(IQuerySession session, string unit) =>
        session.Query<CaseSummary>().Where(c => c.Unit == unit && c.Closed == false);

    public static IQueryable<CaseSummary> InQueueOrder(IQueryable<CaseSummary> cases) =>
        cases.OrderBy(c => c.NextDeadlineAt).ThenBy(c => c.OpenedAtUtc).ThenBy(c => c.Id);
}
