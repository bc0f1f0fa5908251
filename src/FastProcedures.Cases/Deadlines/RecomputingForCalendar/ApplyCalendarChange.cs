using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Deadlines.RecomputingForCalendar;

/// <summary>
/// A country's calendar data changed (a day off decreed by government): count the running deadlines of every open
/// case of that country again. Each case is done in its own transaction, through its unit's durable queue.
/// </summary>
public sealed record RecomputeDeadlines(string Country, string RequestedBy);

/// <summary>Count one case's running deadlines again with the calendar in force.</summary>
public sealed record ApplyCalendarChange(string CaseId, string Country, string CaseKind, string RequestedBy);

public static class RecomputeDeadlinesHandler
{
    /// <summary>Returns how many open cases were queued; each case goes to its owning unit's queue as a message.</summary>
    public static async Task<(int, OutgoingMessages)> Handle(RecomputeDeadlines command, IDocumentSession session, CancellationToken cancellation)
    {
        Validation.Require(Validation.Countries.Contains(command.Country), $"Country '{command.Country}' is not one of {string.Join(", ", Validation.Countries)}.");
        Validation.Required(command.RequestedBy, "RequestedBy");
        var open = await session.Query<CaseSummary>().Where(c => !c.Closed).Select(c => new { c.Id, c.Kind }).ToListAsync(cancellation);
        var messages = new OutgoingMessages();
        foreach (var c in open)
        {
            // Routed to the queue of the unit owning the case (Configuration.UnitOwning).
            messages.Add(new ApplyCalendarChange(c.Id, command.Country, c.Kind, command.RequestedBy),
                new DeliveryOptions { TenantId = command.Country });
        }
        return (open.Count, messages);
    }
}

public static class ApplyCalendarChangeHandler
{
    public static IReadOnlyList<object> Decide(CaseWorkflows? workflows, ApplyCalendarChange message, WorkflowCatalog catalog, DateTimeOffset now)
    {
        var calendar = catalog.Calendar(message.Country);
        return workflows is null || workflows.CalendarSha256 == calendar.Sha256 || workflows.Instances.Count == 0
            ? []
            :
            [
                new CalendarChanged(message.CaseId, message.Country, workflows.CalendarVersion, workflows.CalendarSha256,
                    calendar.Version, calendar.Sha256, message.RequestedBy, now),
            ];
    }

    public static Task<OutgoingMessages> Handle(
        ApplyCalendarChange message, IDocumentSession session, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        message.CaseKind == ReturnCases.Kind.Name
            ? CaseStreams.ReactAsync(ReturnCases.Kind, session, catalog, clock, message.CaseId,
                (state, now) => Decide(state?.Workflows, message, catalog, now), cancellation)
            : CaseStreams.ReactAsync(AsylumCases.Kind, session, catalog, clock, message.CaseId,
                (state, now) => Decide(state?.Workflows, message, catalog, now), cancellation);
}
