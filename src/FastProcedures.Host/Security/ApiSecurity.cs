using System.Security.Claims;
using FastProcedures.Cases;
using FastProcedures.Cases.Audit.AccessLog;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.Host.Security;

/// <summary>
/// Who may call the API: JWT bearer tokens from an OIDC authority (<c>FASTPROC_OIDC_AUTHORITY</c>, audience
/// <c>FASTPROC_OIDC_AUDIENCE</c>) and, for demo and tests only, from the <see cref="DevIssuer"/>.
/// </summary>
public sealed record ApiSecurity(string? Authority, string? Audience, DevIssuer? DevIssuer)
{
    public const string OidcScheme = "oidc";
    public const string DevScheme = "dev";

    /// <summary>From the environment; the development issuer only with <paramref name="devIssuer"/> (<c>--demo</c>)
    /// or <c>FASTPROC_DEV_ISSUER=1</c>.</summary>
    public static ApiSecurity FromEnvironment(bool devIssuer = false) => new(
        Environment.GetEnvironmentVariable("FASTPROC_OIDC_AUTHORITY") is { Length: > 0 } authority ? authority : null,
        Environment.GetEnvironmentVariable("FASTPROC_OIDC_AUDIENCE") is { Length: > 0 } audience ? audience : null,
        devIssuer || DevIssuer.EnabledByEnvironment() ? DevIssuer.LoadOrCreate(DevIssuer.DefaultKeyFile()) : null);

    public const string BearerScheme = "bearer";

    internal void Configure(IServiceCollection services)
    {
        // One bearer scheme that hands each token to the issuer that signed it: a development token never reaches
        // the OIDC authority (which may be unreachable in a demo), an OIDC token never the development key.
        var authentication = services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, "JWT bearer", o => o.ForwardDefaultSelector = SchemeOf);
        if (DevIssuer is null || Authority is not null)
        {
            // With no authority configured this scheme trusts no key: every token is refused (401).
            authentication.AddJwtBearer(OidcScheme, o =>
            {
                o.MapInboundClaims = false;
                o.Authority = Authority;
                o.Audience = Audience;
                o.RequireHttpsMetadata = Authority?.StartsWith("https://", StringComparison.Ordinal) ?? true;
                o.TokenValidationParameters.NameClaimType = ApiClaims.Name;
                o.TokenValidationParameters.RoleClaimType = ApiClaims.Role;
                o.TokenValidationParameters.ValidateAudience = true;
                o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                // An authority that does not answer refuses the token (401) instead of failing the request.
                o.Events = new JwtBearerEvents
                {
                    OnAuthenticationFailed = c =>
                    {
                        c.Fail(c.Exception);
                        return Task.CompletedTask;
                    },
                };
            });
        }
        if (DevIssuer is { } dev)
        {
            authentication.AddJwtBearer(DevScheme, o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = dev.ValidationParameters();
            });
        }
        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = new AuthorizationPolicyBuilder(BearerScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ApiClaims.Tenant, Validation.Countries)
                .Build();
            foreach (var (name, roles) in Policies.Roles)
            {
                o.AddPolicy(name, p => p.Combine(o.DefaultPolicy).RequireRole(roles));
            }
        });
    }

    private string SchemeOf(HttpContext http)
    {
        if (DevIssuer is null || Authority is null)
        {
            return DevIssuer is null ? OidcScheme : DevScheme;
        }
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new JsonWebToken(header["Bearer ".Length..].Trim()).Issuer == DevIssuer.Issuer ? DevScheme : OidcScheme;
            }
            catch (ArgumentException)
            {
                // Not a JWT: the OIDC scheme refuses it.
            }
        }
        return OidcScheme;
    }
}

/// <summary>The roles and what each may do (the API issue): reads of case data by caseworkers, return officers and
/// auditors; time travel and verification by auditors; KPIs (no personal data) by the steering committee and
/// auditors; definitions and calendars by admins; official statistics and process-mining exports by the steering
/// committee and admins. Commands are authorised per unit (<see cref="Apis.CaseCommands"/>).</summary>
public static class Policies
{
    public const string Caseworker = "caseworker";
    public const string ReturnOfficer = "return-officer";
    public const string Auditor = "auditor";
    public const string Admin = "admin";
    public const string Steering = "steering";

    public const string ReadCases = "read-cases";
    public const string Audit = "audit";
    public const string ReadKpis = "read-kpis";
    public const string Administer = "administer";
    public const string ReadReports = "read-reports";

    public static readonly IReadOnlyList<string> AllRoles = [Caseworker, ReturnOfficer, Auditor, Admin, Steering];

    internal static readonly IReadOnlyList<(string Name, string[] Roles)> Roles =
    [
        (ReadCases, [Caseworker, ReturnOfficer, Auditor]),
        (Audit, [Auditor]),
        (ReadKpis, [Steering, Auditor]),
        (Administer, [Admin]),
        (ReadReports, [Steering, Admin]),
    ];
}

/// <summary>The person calling, from the token only: name, role, country (tenant) and unit.</summary>
public sealed record Caller(string Name, string Role, string Country, string? Unit)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ApiClaims.Name) ?? user.FindFirstValue(ApiClaims.Subject) ?? "unknown",
        user.FindFirstValue(ApiClaims.Role) ?? "",
        user.FindFirstValue(ApiClaims.Tenant) ?? "",
        user.FindFirstValue(ApiClaims.Unit));

    /// <summary>How a read is recorded in the case's access log: who, and in which role for what.</summary>
    public Reader Reading(string what) => new(Name, $"{Role}: {what}");
}
