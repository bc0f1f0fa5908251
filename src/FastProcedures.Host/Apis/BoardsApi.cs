using System.ComponentModel;
using System.Security.Claims;
using FastProcedures.Cases;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Queries.DeadlineBoard;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Queries.Removable;
using FastProcedures.Cases.Queries.WorkQueues;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Security;
using FastProcedures.Workflows.Kpis;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FastProcedures.Host.Apis;

/// <summary>A page of the deadline board: the deadlines of the page's cases; <c>Cases</c> and <c>BreachedCases</c>
/// count the whole board under the same filters.</summary>
public sealed record DeadlineBoardView(
    DateTimeOffset DueBefore, IReadOnlyList<DeadlineBoardItem> Items, int Page, int PageSize, int Cases, int BreachedCases);

public sealed record DeadlineBoardItem(
    string CaseId, string? Unit, string Workflow, string Timer, DateTimeOffset ExpiresAt, string Status, string LegalBasis, long LeftSeconds);

/// <summary>A page of a unit's queue; <c>Total</c> and <c>Breached</c> count all its open cases.</summary>
public sealed record WorkQueueView(string Unit, IReadOnlyList<WorkQueueItem> Items, int Page, int PageSize, int Total, int Breached);

public sealed record WorkQueueItem(
    string Id, string Kind, string? Procedure, string? Stage, string? Assignee, int BreachedDeadlines, NextDeadline? NextDeadline,
    IReadOnlyList<string> OpenTasks);

public sealed record RemovableView(DateOnly On, IReadOnlyList<RemovableItem> Items);

public sealed record RemovableItem(string CaseId, bool Removable, IReadOnlyList<string> Bars, DateOnly? ScheduledOn);

/// <summary>The escorts the country's removal unit can field per day, each figure in force from its date until the next
/// (<c>workflows/data/removal-capacity.yaml</c>).</summary>
public sealed record EscortCapacityView(string Country, IReadOnlyList<EscortCapacityItem> Entries)
{
    /// <summary>The figure in force on a day, null when none is recorded.</summary>
    public EscortCapacityItem? On(DateOnly day) => Entries.Where(e => e.From <= day).MaxBy(e => e.From);
}

public sealed record EscortCapacityItem(DateOnly From, int EscortsPerDay, string Source);

/// <summary>KPI counts per country, fact and detail over a period, and each country's KPIs computed by the shared
/// definitions (<see cref="KpiDefinitions"/>, the simulator's); no personal data, no case ids.</summary>
public sealed record KpiView(IReadOnlyList<string> Countries, DateOnly From, DateOnly To, IReadOnlyList<KpiCount> Counts,
    IReadOnlyList<CountryKpis> Figures);

/// <summary>One country's KPIs over the period: decisions within the legal limit (share), return rate, days per
/// stage (median, 90th percentile), kept and breached timers, and the backlog by stage at the end of each day or week.</summary>
public sealed record CountryKpis(
    string Country, double DecisionsWithinLimitShare, double ReturnRate, int FinalNegative, int Returned,
    IReadOnlyList<DecisionKpi> Decisions, IReadOnlyList<StageKpi> Stages, IReadOnlyList<TimerKpi> Timers,
    IReadOnlyList<DateTimeOffset> BacklogAt, IReadOnlyList<StageBacklog> Backlog)
{
    public static CountryKpis Of(string country, KpiFigures f) => new(country, Math.Round(f.DecisionsWithinLimitShare, 4),
        Math.Round(f.ReturnRate, 4), f.FinalNegative, f.Returned, f.Decisions, f.Stages, f.Timers, f.BacklogAt, f.Backlog);
}

public sealed record KpiCount(string Country, string Fact, string Detail, int Count);

/// <summary>The cross-case views: the deadline board, work queues by legal urgency, who may be removed on a day,
/// and the KPIs of the steering committee.</summary>
public static class BoardsApi
{
    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deadlines", DeadlinesAsync).WithTags("Deadlines").WithName("get-deadline-board")
            .WithSummary("Deadlines breached or due before an instant, soonest first").RequireAuthorization(Policies.ReadCases)
            .ProducesValidationProblem();
        app.MapGet("/api/queues/{unit}", QueueAsync).WithTags("Queues").WithName("get-work-queue")
            .WithSummary("A unit's open cases, most urgent legal deadline first").RequireAuthorization(Policies.ReadCases)
            .ProducesValidationProblem();
        app.MapGet("/api/return/removable", RemovableAsync).WithTags("Return").WithName("get-removable")
            .WithSummary("Who may be removed on a day, and every bar that stands for the others").RequireAuthorization(Policies.ReadCases);
        app.MapGet("/api/return/escort-capacity", EscortCapacity).WithTags("Return").WithName("get-escort-capacity")
            .WithSummary("The escorts the country's removal unit can field per day, dated").RequireAuthorization(Policies.ReadCases);
        app.MapGet("/api/kpis", KpisAsync).WithTags("KPIs").WithName("get-kpis")
            .WithSummary("KPI counts per country over a period (no personal data)").RequireAuthorization(Policies.ReadKpis)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<DeadlineBoardView>, ValidationProblem>> DeadlinesAsync(
        [Description("Deadlines expiring at or before this instant (default: 14 days from now)")] DateTimeOffset? dueBefore,
        [Description("running or breached")] string? status,
        [Description("reception, asylum or return")] string? unit,
        [Description("Page of cases, from 1 (default 1)")] int? page,
        [Description("Cases per page, 1 to 500 (default 100); every deadline of a page's cases is listed")] int? pageSize,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation)
    {
        if (status is not (null or "running" or "breached"))
        {
            return ApiProblems.BadQuery("status", "status is running or breached.");
        }
        if (Paging(page, pageSize) is { } bad)
        {
            return bad;
        }
        var now = clock.GetUtcNow();
        var until = dueBefore ?? now.AddDays(14);
        await using var session = store.QuerySession(Caller.From(user).Country);
        var board = await DeadlineBoard.PageAsync(session, catalog, now, until > now ? until - now : TimeSpan.Zero, unit,
            status switch { "running" => DeadlineStatus.Running, "breached" => DeadlineStatus.Breached, _ => null },
            page ?? 1, pageSize ?? DefaultPageSize, cancellation);
        var items = board.Lines
            .Select(l => new DeadlineBoardItem(l.CaseId, l.Unit, l.Workflow, l.Timer, l.ExpiresAt, l.Status.ToString().ToLowerInvariant(),
                l.LegalBasis, (long)l.Left.TotalSeconds))
            .ToList();
        return TypedResults.Ok(new DeadlineBoardView(until, items, board.Page, board.PageSize, board.Cases, board.BreachedCases));
    }

    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    private static ValidationProblem? Paging(int? page, int? pageSize) =>
        page is < 1 ? ApiProblems.BadQuery("page", "page is 1 or more.")
        : pageSize is < 1 or > MaxPageSize ? ApiProblems.BadQuery("pageSize", $"pageSize is between 1 and {MaxPageSize}.")
        : null;

    public static async Task<Results<Ok<WorkQueueView>, ValidationProblem>> QueueAsync(
        [Description("reception, asylum or return")] string unit,
        [Description("Page, from 1 (default 1)")] int? page,
        [Description("Cases per page, 1 to 500 (default 100)")] int? pageSize,
        ClaimsPrincipal user, IDocumentStore store, CancellationToken cancellation)
    {
        if (!Configuration.UnitQueues.Contains(unit))
        {
            return ApiProblems.BadQuery("unit", $"unit is one of {string.Join(", ", Configuration.UnitQueues)}.");
        }
        if (Paging(page, pageSize) is { } bad)
        {
            return bad;
        }
        await using var session = store.QuerySession(Caller.From(user).Country);
        var queue = await WorkQueue.PageAsync(session, unit, page ?? 1, pageSize ?? DefaultPageSize, cancellation);
        return TypedResults.Ok(new WorkQueueView(unit, queue.Cases.Select(c => new WorkQueueItem(c.Id, c.Kind, c.Procedure, c.Stage,
            c.Assignee, c.BreachedDeadlines, CaseListItem.Of(c).NextDeadline, c.OpenTasks)).ToList(),
            queue.Page, queue.PageSize, queue.Total, queue.Breached));
    }

    public static async Task<Ok<RemovableView>> RemovableAsync(
        [Description("The day of removal (default: today in the country)")] DateOnly? on,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation)
    {
        var country = Caller.From(user).Country;
        var zone = catalog.Calendar(country).Zone;
        var now = clock.GetUtcNow();
        var day = on ?? DateOnly.FromDateTime(NodaTime.Instant.FromDateTimeOffset(now).InZone(zone).Date.ToDateTimeUnspecified());
        // The bars as they stand when that day begins in the country, as ScheduleRemoval checks them.
        var start = new NodaTime.LocalDate(day.Year, day.Month, day.Day).AtStartOfDayInZone(zone).ToDateTimeOffset();
        await using var session = store.QuerySession(country);
        var lines = await Removable.TodayAsync(session, start > now ? start : now, cancellation);
        return TypedResults.Ok(new RemovableView(day, lines.Select(l => new RemovableItem(l.CaseId, l.Removable, l.Bars, l.ScheduledOn)).ToList()));
    }

    public static Ok<EscortCapacityView> EscortCapacity(ClaimsPrincipal user, WorkflowCatalog catalog)
    {
        var country = Caller.From(user).Country;
        var capacity = catalog.Registry.Data?.RemovalCapacity ?? FastProcedures.Workflows.Removal.RemovalCapacity.None;
        return TypedResults.Ok(new EscortCapacityView(country, capacity.All.Where(e => e.Country == country)
            .Select(e => new EscortCapacityItem(e.From, e.EscortsPerDay, e.Source)).ToList()));
    }

    public static async Task<Results<Ok<KpiView>, ValidationProblem, ProblemHttpResult>> KpisAsync(
        [Description("BG or RO; the steering committee may leave it out for every country")] string? country,
        [Description("First day counted (default: 30 days ago)")] DateOnly? from,
        [Description("Last day counted (default: today)")] DateOnly? to,
        [Description("Backlog sampled at the end of each day or week (default: week)")] string? every,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        if (country is not null && !Validation.Countries.Contains(country))
        {
            return ApiProblems.BadQuery("country", $"country is one of {string.Join(", ", Validation.Countries)}.");
        }
        // The steering committee sees every country's KPIs; an auditor those of the country of the token.
        if (caller.Role != Policies.Steering && country is not null && country != caller.Country)
        {
            return ApiProblems.Forbidden($"An {caller.Role} sees the KPIs of {caller.Country} only.");
        }
        var countries = country is not null ? [country] : caller.Role == Policies.Steering ? Validation.Countries : [caller.Country];
        var last = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(-30);
        if (first > last)
        {
            return ApiProblems.BadQuery("from", "from is after to.");
        }
        if (every is not (null or "day" or "week"))
        {
            return ApiProblems.BadQuery("every", "every is day or week.");
        }
        if (last.DayNumber - first.DayNumber > 366)
        {
            return ApiProblems.BadQuery("to", "The period is at most 366 days.");
        }
        var step = every == "day" ? 1 : 7;
        var counts = new List<KpiCount>();
        var figures = new List<CountryKpis>();
        foreach (var c in countries)
        {
            var zone = catalog.Calendar(c).Zone;
            DateTimeOffset StartOf(DateOnly day) => zone.AtStartOfDay(new NodaTime.LocalDate(day.Year, day.Month, day.Day)).ToDateTimeOffset();
            var (start, end) = (StartOf(first), StartOf(last.AddDays(1)));
            var samples = Enumerable.Range(0, (last.DayNumber - first.DayNumber) / step + 1)
                .Select(i => StartOf(first.AddDays(Math.Min(i * step + step - 1, last.DayNumber - first.DayNumber) + 1))).Distinct().ToList();
            await using var session = store.QuerySession(c);
            var upTo = last.AddDays(1);
            var facts = await session.Query<KpiFact>().Where(f => f.Day <= upTo)
                .Select(f => new KpiFact { CaseId = f.CaseId, Fact = f.Fact, Detail = f.Detail, Workflow = f.Workflow, Name = f.Name, Day = f.Day, At = f.At })
                .ToListAsync(cancellation);
            counts.AddRange(facts.Where(f => f.Day >= first && f.Day <= last).GroupBy(f => (f.Fact, f.Detail))
                .OrderBy(g => g.Key.Fact).ThenBy(g => g.Key.Detail)
                .Select(g => new KpiCount(c, g.Key.Fact, g.Key.Detail, g.Count())));
            figures.Add(CountryKpis.Of(c, KpiDefinitions.Compute(facts.Select(KpiFactProjection.ToCaseFact).Where(f => f.At < end), start, end, samples)));
        }
        return TypedResults.Ok(new KpiView(countries.ToList(), first, last, counts, figures));
    }
}
