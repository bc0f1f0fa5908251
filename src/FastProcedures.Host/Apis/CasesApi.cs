using System.ComponentModel;
using System.Security.Claims;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Asylum.RecordingWhereabouts;
using FastProcedures.Cases.Audit.Replaying;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.Holds;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Security;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FastProcedures.Host.Apis;

/// <summary>Cases: the list, one case now, its timeline, time travel, replay verification, and every use case of
/// the reception, asylum and return units as <c>POST /api/cases/{id}/&lt;action&gt;</c>.</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");

        cases.MapGet("/", ListAsync).WithName("list-cases").WithSummary("List the country's cases, filtered and paged")
            .RequireAuthorization(Policies.ReadCases).ProducesValidationProblem();
        cases.MapGet("/{id}", GetAsync).WithName("get-case").WithSummary("A case now: workflows, deadlines, tasks, allowed actions")
            .RequireAuthorization(Policies.ReadCases);
        cases.MapGet("/{id}/timeline", TimelineAsync).WithName("get-timeline")
            .WithSummary("The case's events in order, workflow events under the event that caused them").RequireAuthorization(Policies.ReadCases);
        cases.MapGet("/{id}/as-of", AsOfAsync).WithName("get-case-as-of").WithSummary("Time travel: the case as it stood at an instant")
            .RequireAuthorization(Policies.Audit).ProducesValidationProblem();
        cases.MapPost("/{id}/verify", VerifyAsync).WithName("verify-case")
            .WithSummary("Replay the case on its pinned definitions and compare with what was recorded").RequireAuthorization(Policies.Audit);

        cases.MapCreation<MakeApplication>("/");
        cases.MapCreation<OpenReturnCase>("/open-return-case");
        // Every other use case, in the catalogue's order; a new one is one line in CaseCommandCatalogue.
        cases.MapCommands();
        return cases;
    }

    public static async Task<Results<Ok<CaseList>, ValidationProblem>> ListAsync(
        [Description("reception, asylum or return")] string? unit,
        [Description("The stage of the case's main procedure, e.g. examination")] string? stage,
        [Description("The procedure, e.g. border-procedure")] string? procedure,
        [Description("asylum or return")] string? kind,
        [Description("Only cases whose next running deadline expires at or before this instant")] DateTimeOffset? dueBefore,
        [Description("1-based page number (default 1)")] int? page,
        [Description("Cases per page, 1 to 500 (default 50)")] int? pageSize,
        ClaimsPrincipal user, IDocumentStore store, CancellationToken cancellation)
    {
        page ??= 1;
        pageSize ??= 50;
        if (page < 1)
        {
            return ApiProblems.BadQuery("page", "page starts at 1.");
        }
        if (pageSize is < 1 or > 500)
        {
            return ApiProblems.BadQuery("pageSize", "pageSize is 1 to 500.");
        }
        await using var session = store.QuerySession(Caller.From(user).Country);
        IQueryable<CaseSummary> cases = session.Query<CaseSummary>();
        if (unit is not null)
        {
            cases = cases.Where(c => c.Unit == unit);
        }
        if (stage is not null)
        {
            cases = cases.Where(c => c.Stage == stage);
        }
        if (procedure is not null)
        {
            cases = cases.Where(c => c.Procedure == procedure);
        }
        if (kind is not null)
        {
            cases = cases.Where(c => c.Kind == kind);
        }
        if (dueBefore is { } due)
        {
            var until = due.ToUniversalTime();
            cases = cases.Where(c => c.NextDeadlineAt != null && c.NextDeadlineAt <= until);
        }
        var found = await cases.OrderBy(c => c.Id).ToPagedListAsync(page.Value, pageSize.Value, cancellation);
        return TypedResults.Ok(new CaseList(found.Select(CaseListItem.Of).ToList(), found.TotalItemCount, page.Value, pageSize.Value));
    }

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, HttpResponse response, IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        await using var session = store.LightweightSession(caller.Country);
        var summary = await session.LoadAsync<CaseSummary>(id, cancellation);
        var events = summary is null ? [] : await session.Events.FetchStreamAsync(id, token: cancellation);
        if (summary is null || CaseAsOf.Fold(id, events, AsOf.Latest) is not { } now)
        {
            return ApiProblems.NoSuchCase(id);
        }
        var detail = CaseViews.Detail(summary, now.State, events, catalog, clock.GetUtcNow());
        await RecordReadAsync(session, caller, id, "case", clock, cancellation);
        response.Headers.ETag = $"\"{detail.Version}\""; // what a command sends back in If-Match
        return TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<Timeline>, ProblemHttpResult>> TimelineAsync(
        string id, ClaimsPrincipal user, IDocumentStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        await using var session = store.LightweightSession(caller.Country);
        var events = await session.Events.FetchStreamAsync(id, token: cancellation);
        if (events.Count == 0 || CaseAsOf.Fold(id, events, AsOf.Latest) is null)
        {
            return ApiProblems.NoSuchCase(id);
        }
        await RecordReadAsync(session, caller, id, "timeline", clock, cancellation);
        return TypedResults.Ok(CaseViews.TimelineOf(events));
    }

    public static async Task<Results<Ok<ReplayView>, ProblemHttpResult, ValidationProblem>> AsOfAsync(
        string id, [Description("An instant of legal time, ISO 8601 with offset")] DateTimeOffset? at, ClaimsPrincipal user,
        IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation)
    {
        if (at is null)
        {
            return ApiProblems.BadQuery("at", "at is required: an ISO 8601 instant with an offset.");
        }
        return await ReplayAsync(id, at, verify: false, user, store, catalog, clock, cancellation);
    }

    public static async Task<Results<Ok<ReplayView>, ProblemHttpResult, ValidationProblem>> VerifyAsync(
        string id, ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, TimeProvider clock, CancellationToken cancellation) =>
        await ReplayAsync(id, null, verify: true, user, store, catalog, clock, cancellation);

    private static async Task<Results<Ok<ReplayView>, ProblemHttpResult, ValidationProblem>> ReplayAsync(
        string id, DateTimeOffset? at, bool verify, ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation)
    {
        var caller = Caller.From(user);
        await using var session = store.LightweightSession(caller.Country);
        var replay = await CaseReplay.RunAsync(session, catalog, id, at, verify,
            caller.Reading(verify ? "replay verification over the API" : "time travel over the API"), clock.GetUtcNow(), cancellation);
        return replay.Outcome switch
        {
            ReplayOutcome.Found => TypedResults.Ok(replay.View!),
            ReplayOutcome.NotYet => ApiProblems.BadQuery("at", $"Case {id} did not exist yet at {at:O}."),
            _ => ApiProblems.NoSuchCase(id),
        };
    }

    /// <summary>Every read of a case by a person goes to its access log (GDPR Art. 5(2)), as the CLI's do.</summary>
    private static async Task RecordReadAsync(
        IDocumentSession session, Caller caller, string caseId, string what, TimeProvider clock, CancellationToken cancellation)
    {
        FastProcedures.Cases.Audit.AccessLog.CaseAccessLog.Record(session, caseId, caller.Reading($"{what} over the API"), clock.GetUtcNow());
        await session.SaveChangesAsync(cancellation);
    }
}
