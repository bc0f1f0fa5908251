using System.Security.Claims;
using FastProcedures.Cases;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FastProcedures.Host.Apis;

/// <summary>The hash-chain check of one case: <c>intact</c> or <c>broken</c>, with the first broken link.</summary>
public sealed record CaseChainView(string CaseId, string Verdict, int Streams, long Events, BrokenLink? FirstBroken, IReadOnlyList<BrokenLink> Broken);

/// <summary>For auditors: the tamper-evidence check of one case's streams (the case and its access log), the same
/// walk over the stored rows as <c>fastproc verify-chain</c>.</summary>
public static class ChainApi
{
    public static IEndpointRouteBuilder MapChainApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id}/chain", ChainAsync).WithTags("Cases").WithName("verify-case-chain")
            .WithSummary("Check the hash chain of the case's stored events: verdict and first broken link")
            .RequireAuthorization(Policies.Audit);
        return app;
    }

    public static async Task<Results<Ok<CaseChainView>, ProblemHttpResult>> ChainAsync(
        string id, ClaimsPrincipal user, CasesSettings settings, CancellationToken cancellation)
    {
        var report = await VerifyChain.RunAsync(settings.ConnectionString, Caller.From(user).Country, cancellation: cancellation, caseId: id);
        if (report.Streams == 0 && report.Broken.Count == 0)
        {
            return ApiProblems.NoSuchCase(id);
        }
        var broken = report.Broken.OrderBy(b => b.StreamId, StringComparer.Ordinal).ThenBy(b => b.Version).ToList();
        return TypedResults.Ok(new CaseChainView(id, report.Intact ? "intact" : "broken", report.Streams, report.Events,
            broken.FirstOrDefault(), broken));
    }
}
