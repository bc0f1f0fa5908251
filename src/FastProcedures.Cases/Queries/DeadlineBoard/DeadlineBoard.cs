using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Clock;
using Marten;

namespace FastProcedures.Cases.Queries.DeadlineBoard;

/// <summary>A line of the deadline board: one deadline of one case.</summary>
public sealed record DeadlineBoardLine(
    string CaseId, string? Unit, string Workflow, string Timer, DateTimeOffset ExpiresAt, DeadlineStatus Status,
    string LegalBasis, TimeSpan Left);

/// <summary>One page of the board: the deadlines of the page's cases, and how many cases are on the whole board
/// (<see cref="Cases"/>) and how many of them have a breached deadline.</summary>
public sealed record DeadlineBoardPage(IReadOnlyList<DeadlineBoardLine> Lines, int Page, int PageSize, int Cases, int BreachedCases);

/// <summary>Deadlines breached, and deadlines due within a horizon, soonest first; and hand-overs the return unit has
/// not acknowledged within one working day.</summary>
public static class DeadlineBoard
{
    public const string HandOverAcknowledgement = "handover-acknowledgement";

    /// <summary>The 2023 pilot's practice that no case falls between the asylum and return units (Cooperation
    /// Framework of 4 March 2024): a hand-over is acknowledged within one working day.</summary>
    public const string HandOverBasis = "2023 pilot practice: hand-over acknowledged within 1 working day";

    private static readonly LegalPeriod OneWorkingDay = LegalPeriod.Parse("P1D", workingDays: true);

    /// <summary>The whole board (every page), for small tenants and tests.</summary>
    public static async Task<IReadOnlyList<DeadlineBoardLine>> DueAsync(
        IQuerySession session, WorkflowCatalog catalog, DateTimeOffset now, TimeSpan horizon, CancellationToken cancellation = default) =>
        (await PageAsync(session, catalog, now, horizon, pageSize: int.MaxValue, cancellation: cancellation)).Lines;

    /// <summary>
    /// One page of the board. Cases are paged in the order of their earliest running or breached deadline
    /// (<see cref="CaseSummary.BoardAt"/>, indexed after the tenant), and every deadline of a page's cases that is
    /// on the board is listed, soonest first: PostgreSQL reads one index range and stops at the page.
    /// </summary>
    public static async Task<DeadlineBoardPage> PageAsync(
        IQuerySession session, WorkflowCatalog catalog, DateTimeOffset now, TimeSpan horizon, string? unit = null,
        DeadlineStatus? status = null, int page = 1, int pageSize = 100, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var until = (now + horizon).ToUniversalTime();
        var onBoard = Cases(session, until, unit, status);
        var skip = (long)(page - 1) * pageSize;
        var cases = skip > int.MaxValue ? [] : await InBoardOrder(onBoard).Skip((int)skip).Take(pageSize).ToListAsync(cancellation);
        var total = await onBoard.CountAsync(cancellation);
        var breached = await onBoard.Where(c => c.Breached).CountAsync(cancellation);

        var lines = cases
            .SelectMany(c => c.Deadlines
                .Where(d => d.Status == DeadlineStatus.Breached || (d.Status == DeadlineStatus.Running && d.ExpiresAt <= until))
                .Select(d => new DeadlineBoardLine(c.Id, c.Unit, d.Workflow, d.Timer, d.ExpiresAt, d.Status, d.LegalBasis, d.ExpiresAt - now)))
            .ToList();
        foreach (var c in cases.Where(c => c.HandOverSentAt is not null))
        {
            var due = LegalClock.Expiry(c.HandOverSentAt!.Value, OneWorkingDay, catalog.Calendar(c.Country)).ExpiresAt;
            if (due <= until)
            {
                lines.Add(new DeadlineBoardLine(c.Id, Return.ReturnConfiguration.Unit, "hand-over", HandOverAcknowledgement, due,
                    due <= now ? DeadlineStatus.Breached : DeadlineStatus.Running, HandOverBasis, due - now));
            }
        }
        return new DeadlineBoardPage(
            lines.Where(l => (unit is null || l.Unit == unit) && (status is null || l.Status == status))
                .OrderBy(l => l.ExpiresAt).ThenBy(l => l.CaseId, StringComparer.Ordinal).ToList(),
            page, pageSize, total, breached);
    }

    /// <summary>The cases on the board under the filters (the tenant is the session's).</summary>
    public static IQueryable<CaseSummary> Cases(IQuerySession session, DateTimeOffset until, string? unit, DeadlineStatus? status)
    {
        until = until.ToUniversalTime();
        var onBoard = session.Query<CaseSummary>().Where(c => c.Closed == false && c.BoardAt <= until);
        if (unit == Return.ReturnConfiguration.Unit)
        {
            // Hand-over lines belong to the return unit whatever unit holds the case.
            onBoard = onBoard.Where(c => c.Unit == unit || c.HandOverSentAt != null);
        }
        else if (unit is not null)
        {
            onBoard = onBoard.Where(c => c.Unit == unit);
        }
        return status switch
        {
            DeadlineStatus.Breached => onBoard.Where(c => c.Breached || c.HandOverSentAt != null),
            DeadlineStatus.Running => onBoard.Where(c => c.NextDeadlineAt <= until || c.HandOverSentAt != null),
            _ => onBoard,
        };
    }

    public static IQueryable<CaseSummary> InBoardOrder(IQueryable<CaseSummary> cases) => cases.OrderBy(c => c.BoardAt).ThenBy(c => c.Id);
}
