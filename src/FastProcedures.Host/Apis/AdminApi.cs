using System.Security.Claims;
using FastProcedures.Cases.Deadlines.RecomputingForCalendar;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Wolverine;

namespace FastProcedures.Host.Apis;

public sealed record WorkflowSummary(string Id, int Version, string Hash, string Title, string LegalBasis, IReadOnlyList<TimerSummary> Timers);

public sealed record TimerSummary(string Id, string Period, string LegalBasis);

public sealed record CalendarSummary(string Country, int Version, string Sha256, string TimeZone);

public sealed record RecomputeResult(string Country, int CasesQueued);

/// <summary>For admins: the loaded definitions and calendars, and counting the country's running deadlines again
/// after its calendar data changed.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Administer);
        admin.MapGet("/workflows", Workflows).WithName("list-workflows").WithSummary("Every definition version loaded, with its timers");
        admin.MapGet("/calendars", Calendars).WithName("list-calendars").WithSummary("The country calendars in force");
        admin.MapPost("/calendars/recompute", RecomputeAsync).WithName("recompute-deadlines")
            .WithSummary("Count the running deadlines of the country's open cases again with the calendar in force");
        return admin;
    }

    public static Ok<IReadOnlyList<WorkflowSummary>> Workflows(WorkflowCatalog catalog) => TypedResults.Ok<IReadOnlyList<WorkflowSummary>>(
        catalog.Registry.All.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version)
            .Select(d => new WorkflowSummary(d.Id, d.Version, d.Hash, d.Title, d.LegalBasis,
                d.Timers.Select(t => new TimerSummary(t.Id, t.PeriodText, t.LegalBasis)).ToList()))
            .ToList());

    public static Ok<IReadOnlyList<CalendarSummary>> Calendars(WorkflowCatalog catalog) => TypedResults.Ok<IReadOnlyList<CalendarSummary>>(
        catalog.Registry.Calendars.Values.OrderBy(c => c.Country, StringComparer.Ordinal)
            .Select(c => new CalendarSummary(c.Country, c.Version, c.Sha256, c.TimeZoneId)).ToList());

    public static async Task<Ok<RecomputeResult>> RecomputeAsync(ClaimsPrincipal user, IMessageBus bus, CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        var queued = await bus.InvokeForTenantAsync<int>(caller.Country, new RecomputeDeadlines(caller.Country, caller.Name), cancellation);
        return TypedResults.Ok(new RecomputeResult(caller.Country, queued));
    }
}
