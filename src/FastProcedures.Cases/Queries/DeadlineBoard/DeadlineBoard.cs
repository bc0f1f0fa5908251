using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Workflows;
using FastProcedures.Workflows.Clock;
using Marten;

namespace FastProcedures.Cases.Queries.DeadlineBoard;

/// <summary>A line of the deadline board: one deadline of one case.</summary>
public sealed record DeadlineBoardLine(
    string CaseId, string? Unit, string Workflow, string Timer, DateTimeOffset ExpiresAt, DeadlineStatus Status,
    string LegalBasis, TimeSpan Left);

/// <summary>Deadlines breached, and deadlines due within a horizon, soonest first; and hand-overs the return unit has
/// not acknowledged within one working day.</summary>
public static class DeadlineBoard
{
    public const string HandOverAcknowledgement = "handover-acknowledgement";

    /// <summary>The 2023 pilot's practice that no case falls between the asylum and return units (Cooperation
    /// Framework of 4 March 2024): a hand-over is acknowledged within one working day.</summary>
    public const string HandOverBasis = "2023 pilot practice: hand-over acknowledged within 1 working day";

    private static readonly LegalPeriod OneWorkingDay = LegalPeriod.Parse("P1D", workingDays: true);

    public static async Task<IReadOnlyList<DeadlineBoardLine>> DueAsync(
        IQuerySession session, WorkflowCatalog catalog, DateTimeOffset now, TimeSpan horizon, CancellationToken cancellation = default)
    {
        var until = (now + horizon).ToUniversalTime();
        var cases = await session.Query<CaseSummary>()
            .Where(c => !c.Closed && (c.BreachedDeadlines > 0 || c.NextDeadlineAt <= until || c.HandOverSentAt != null))
            .ToListAsync(cancellation);
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
                lines.Add(new DeadlineBoardLine(c.Id, "return", "hand-over", HandOverAcknowledgement, due,
                    due <= now ? DeadlineStatus.Breached : DeadlineStatus.Running, HandOverBasis, due - now));
            }
        }
        return lines.OrderBy(l => l.ExpiresAt).ToList();
    }
}
