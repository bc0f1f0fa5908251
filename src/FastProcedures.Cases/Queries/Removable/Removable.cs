using FastProcedures.Cases.Return;
using Marten;

namespace FastProcedures.Cases.Queries.Removable;

/// <summary>Whether a person may be removed today and, if not, every bar that stands.</summary>
public sealed record RemovableLine(string CaseId, bool Removable, IReadOnlyList<string> Bars, DateOnly? ScheduledOn);

/// <summary>Who may be removed today and why others may not (the removal interlock of <see cref="ReturnCase.RemovalBars"/>).</summary>
public static class Removable
{
    public static async Task<IReadOnlyList<RemovableLine>> TodayAsync(
        IQuerySession session, DateTimeOffset now, CancellationToken cancellation = default)
    {
        var open = await session.Query<ReturnCase>().Where(c => !c.Closed && !c.Removed).ToListAsync(cancellation);
        return open
            .Select(c => (Case: c, Bars: c.RemovalBars(now)))
            .Select(x => new RemovableLine(x.Case.Id, x.Bars.Count == 0, x.Bars.Select(RemovalBars.Explain).ToList(), x.Case.Removal?.RemovalOn))
            .OrderByDescending(l => l.Removable)
            .ThenBy(l => l.ScheduledOn ?? DateOnly.MaxValue)
            .ToList();
    }
}
