using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.ErasingPersonalData;
using FastProcedures.Host.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FastProcedures.Host.Apis;

/// <summary>
/// Erasure of an applicant's personal data by crypto-shredding (GDPR Art. 17(1); storage limitation, Art. 5(1)(e)):
/// <c>POST /api/cases/{id}/erase-personal-data</c> with the legal ground in the body. The act of the data protection
/// function, which the API's roles give to admins only (no unit's caseworker, no auditor: an auditor checks, does
/// not change). It goes through the same path as every case command (<see cref="CaseCommands"/>): who erases comes
/// from the token, the country from its tenant; a missing ground is 400, an unknown case or another country's 404,
/// another role 403, and nothing is written on any of them. A repeat once the keys are gone records nothing.
/// </summary>
public static class ErasureApi
{
    /// <summary>Not in the units' catalogue: it is no unit's action, so it never shows among a case's allowed actions;
    /// the OpenAPI document shows its body as a command's (see <see cref="OpenApi.ApiDocument"/>).</summary>
    internal static readonly CaseCommand Erasure = new(typeof(ErasePersonalData), CaseCommands.ActionOf(typeof(ErasePersonalData)),
        new CommandUnit("data protection", AsylumCases.Kind.Name, c => c.Role == Policies.Admin), [nameof(PersonalDataErased)],
        OpensCase: false);

    public static IEndpointRouteBuilder MapErasureApi(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/api/cases/{{id}}/{Erasure.Action}",
                (string id, HttpContext http, CancellationToken cancellation) => CaseCommands.SendAsync(http, Erasure, id, cancellation))
            .WithTags("Cases")
            .WithName(Erasure.Action)
            .WithSummary("Erase the applicant's personal data (crypto-shredding; admins only)")
            .WithDescription("Use case `ErasePersonalData`: deletes the keys of the case's sealed personal data and records " +
                "PersonalDataErased (who, when, `legalGround`, e.g. \"GDPR Art. 17(1)(a)\"). The events, their hash chain and " +
                "the workflow history stay unchanged and verifiable; the sealed data reads as `[erased]` afterwards. " +
                "A repeat records nothing. Who erases and the country come from the token.")
            .Accepts(typeof(ErasePersonalData), "application/json")
            .WithMetadata(new CommandBodyMetadata(typeof(ErasePersonalData)))
            .RequireAuthorization(Policies.Administer)
            .Produces<CommandResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
