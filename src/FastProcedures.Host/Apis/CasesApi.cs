using System.ComponentModel;
using System.Security.Claims;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Asylum.LeavingBorderProcedure;
using FastProcedures.Cases.Asylum.DeterminingResponsibility;
using FastProcedures.Cases.Asylum.Detaining;
using FastProcedures.Cases.Asylum.RecordingWhereabouts;
using FastProcedures.Cases.Audit.Replaying;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.Holds;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.Cases.Workflows;
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

        cases.MapCreation<MakeApplication>("/", CommandUnit.Reception, nameof(ApplicationMade));
        cases.MapCreation<OpenReturnCase>("/open-return-case", CommandUnit.Return, nameof(ReturnCaseOpened));

        cases.MapCommand<StartScreening>(CommandUnit.Reception, nameof(ScreeningStarted));
        cases.MapCommand<TakeBiometrics>(CommandUnit.Reception, nameof(BiometricsTaken));
        cases.MapCommand<CompleteScreening>(CommandUnit.Reception, nameof(ScreeningCompleted));
        cases.MapCommand<RegisterApplication>(CommandUnit.Reception, nameof(ApplicationRegistered));
        cases.MapCommand<RegisterAndRoute>(CommandUnit.Reception, nameof(ApplicationRegistered));

        cases.MapCommand<LodgeApplication>(CommandUnit.Asylum, nameof(ApplicationLodged));
        cases.MapCommand<ScheduleInterview>(CommandUnit.Asylum, nameof(InterviewScheduled));
        cases.MapCommand<HoldInterview>(CommandUnit.Asylum, nameof(InterviewHeld));
        cases.MapCommand<HoldReturnCounselling>(CommandUnit.Counselling, nameof(ReturnCounsellingHeld));
        cases.MapCommand<ExtendExamination>(CommandUnit.Asylum, nameof(ExaminationPeriodExtended), nameof(ExaminationPeriodFurtherExtended));
        cases.MapCommand<IssueDecision>(CommandUnit.Asylum, nameof(DecisionIssued));
        cases.MapCommand<RecordDecisionNotification>(CommandUnit.Asylum, nameof(DecisionNotified));
        cases.MapCommand<LodgeAppeal>(CommandUnit.Asylum, nameof(AppealLodged));
        cases.MapCommand<DecideRequestToRemain>(CommandUnit.Asylum, nameof(RemainAllowed), nameof(RightToRemainEnded));
        cases.MapCommand<LeaveBorderProcedure>(CommandUnit.Asylum, nameof(BorderProcedureLeft));
        cases.MapCommand<StartResponsibilityCheck>(CommandUnit.Asylum, nameof(ResponsibilityCheckStarted));
        cases.MapCommand<SendTakeChargeRequest>(CommandUnit.Asylum, nameof(TakeChargeRequestSent));
        cases.MapCommand<DetainApplicant>(CommandUnit.Asylum, nameof(ApplicantDetained));
        cases.MapCommand<ReleaseApplicant>(CommandUnit.Asylum, nameof(ApplicantReleased));
        cases.MapCommand<DecideAppeal>(CommandUnit.Asylum, nameof(AppealDecided));
        cases.MapCommand<RecordFinalDecision>(CommandUnit.Asylum, nameof(DecisionBecameFinal));
        cases.MapCommand<ApplyCrisisDerogation>(CommandUnit.Asylum, nameof(CrisisDerogationApplied));
        cases.MapCommand<RecordAbsconding>(CommandUnit.Asylum, nameof(ApplicantAbsconded));
        cases.MapCommand<RecordReappearance>(CommandUnit.Asylum, nameof(ApplicantReappeared));
        cases.MapCommand<RecordRelocation>(CommandUnit.Asylum, nameof(ApplicantRelocated));

        cases.MapCommand<ExtendVoluntaryDeparture>(CommandUnit.Return, nameof(VoluntaryDepartureExtended));
        cases.MapCommand<ConfirmVoluntaryDeparture>(CommandUnit.Return, nameof(VoluntaryDepartureConfirmed));
        cases.MapCommand<OrderDetention>(CommandUnit.Return, nameof(DetentionOrdered));
        cases.MapCommand<ReviewDetention>(CommandUnit.Return, nameof(DetentionReviewed));
        cases.MapCommand<ExtendDetention>(CommandUnit.Return, nameof(DetentionExtended));
        cases.MapCommand<EndDetention>(CommandUnit.Return, nameof(DetentionEnded));
        cases.MapCommand<PlaceRemovalHold>(CommandUnit.Return, nameof(RemovalHoldPlaced));
        cases.MapCommand<LiftRemovalHold>(CommandUnit.Return, nameof(RemovalHoldLifted));
        cases.MapCommand<ScheduleRemoval>(CommandUnit.Return, nameof(RemovalScheduled));
        cases.MapCommand<CancelRemoval>(CommandUnit.Return, nameof(RemovalCancelled));
        cases.MapCommand<ExecuteRemoval>(CommandUnit.Return, nameof(RemovalExecuted));
        cases.MapCommand<RecordReturneeAbsconded>(CommandUnit.Return, nameof(ReturneeAbsconded));
        cases.MapCommand<IssueEntryBan>(CommandUnit.Return, nameof(EntryBanIssued));
        cases.MapCommand<CloseReturnCase>(CommandUnit.Return, nameof(ReturnCaseClosed));
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
