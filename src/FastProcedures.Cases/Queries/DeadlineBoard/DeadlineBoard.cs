using FastProcedures.Cases.Queries.CaseSummaries;
using Marten;

namespace FastProcedures.Cases.Queries.DeadlineBoard;

/// <summary>A line of the deadline board: one deadline of one case.</summary>
public sealed record DeadlineBoardLine(
    string CaseId, string? Unit, string Workflow, string Timer, DateTimeOffset ExpiresAt, DeadlineStatus Status,
    string LegalBasis, TimeSpan Left);

/// <summary>Deadlines breached, and deadlines due within a horizon, soonest first.</summary>
public static class DeadlineBoard
{
    public static async Task<IReadOnlyList<DeadlineBoardLine>> DueAsync(
        IQuerySession session, DateTimeOffset now, TimeSpan horizon, CancellationToken cancellation = default)
    {
        var until = now + horizon;
        var cases = await session.Query<CaseSummary>()
            .Where(c => !c.Closed && (c.BreachedDeadlines > 0 || c.NextDeadlineAt <= until))
            .ToListAsync(cancellation);
        return cases
            .SelectMany(c => c.Deadlines
                .Where(d => d.Status == DeadlineStatus.Breached || (d.Status == DeadlineStatus.Running && d.ExpiresAt <= until))
                .Select(d => new DeadlineBoardLine(c.Id, c.Unit, d.Workflow, d.Timer, d.ExpiresAt, d.Status, d.LegalBasis, d.ExpiresAt - now)))
            .OrderBy(l => l.ExpiresAt)
            .ToList();
    }
}
