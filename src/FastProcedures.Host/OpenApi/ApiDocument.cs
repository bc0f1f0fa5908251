using FastProcedures.Host.Apis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FastProcedures.Host.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>): the bearer security scheme on every endpoint that needs a token
/// (with its 401 and 403 answers), and command bodies that show only the fields the body carries.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Cases", "Cases of the country of the token: reads, time travel, verification and every use case of the reception, asylum and return units."),
        ("Deadlines", "The deadline board: legal time limits breached or due soon."),
        ("Queues", "Work queues of the units by legal urgency."),
        ("Return", "Removals: who may be removed on a day, and why others may not."),
        ("KPIs", "Aggregated counts for the steering committee; no personal data."),
        ("Admin", "Definitions, calendars and recounting deadlines after a calendar change."),
        ("Health", "Whether the service and its database answer."),
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "FastProcedures API",
                Version = "v1",
                Description = "Accelerated asylum and return procedures: event-sourced cases whose legal time limits are " +
                    "counted as Reg. (EEC, Euratom) 1182/71 counts them. Every endpoint except /health needs a JWT bearer " +
                    "token; the country (tenant) comes from the token only. Errors are Problem Details (RFC 9457).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token of the OIDC authority (FASTPROC_OIDC_AUTHORITY), or of the development issuer " +
                    "(`fastproc token --role ROLE --tenant BG|RO`). Claims: role, tenant, unit (caseworkers), name.",
            };
            // Servers as requested (e.g. http://127.0.0.1:5080), without the trailing slash.
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/') is { Length: > 0 } url ? url : "/";
            }
            document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var secured = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            operation.Security = secured
                ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }]
                : [new OpenApiSecurityRequirement()];
            if (secured)
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's role (or unit) may not do this." });
            }
            return Task.CompletedTask;
        });

        options.AddSchemaTransformer((schema, context, _) =>
        {
            var type = context.JsonTypeInfo.Type;
            if (schema is OpenApiSchema body && CaseCommands.All.Append(ErasureApi.Erasure).FirstOrDefault(c => c.Type == type) is { } command)
            {
                var fields = CaseCommands.Fields(type);
                foreach (var field in fields.NotInBody.Where(f => !(command.OpensCase && f == fields.CaseId)))
                {
                    body.Properties?.Remove(field);
                }
                body.Required = new HashSet<string>(command.OpensCase && fields.CaseId is { } caseId ? [caseId, .. fields.Required] : fields.Required);
            }
            return Task.CompletedTask;
        });
    }
}
