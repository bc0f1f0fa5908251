using System.Security.Claims;
using FastProcedures.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastProcedures.Host.Ui;

/// <summary>
/// Production sign-in for the UI: the authorization code flow (with PKCE) at the API's OIDC authority
/// (<c>FASTPROC_OIDC_AUTHORITY</c>) as the client <c>FASTPROC_OIDC_CLIENT_ID</c> (secret in
/// <c>FASTPROC_OIDC_CLIENT_SECRET</c> when the provider wants one). The access token it returns, for the API's audience,
/// goes into the UI cookie like a demo user's; its role, tenant and unit claims are the API's.
/// </summary>
public sealed record OidcSignIn(string Authority, string ClientId, string? ClientSecret)
{
    public const string Scheme = "ui-oidc";

    public static OidcSignIn? FromEnvironment(ApiSecurity security) =>
        security.Authority is { } authority && Environment.GetEnvironmentVariable("FASTPROC_OIDC_CLIENT_ID") is { Length: > 0 } client
            ? new OidcSignIn(authority, client, Environment.GetEnvironmentVariable("FASTPROC_OIDC_CLIENT_SECRET") is { Length: > 0 } s ? s : null)
            : null;

    public void Configure(AuthenticationBuilder authentication, string? audience) =>
        authentication.AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = Authority;
            o.ClientId = ClientId;
            o.ClientSecret = ClientSecret;
            o.ResponseType = "code";
            // The code comes back in the query of a top-level redirect: Lax cookies suffice, no auto-posting page.
            o.ResponseMode = "query";
            o.CorrelationCookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.NonceCookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
            o.UsePkce = true;
            o.SignInScheme = UiSetup.Scheme;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.RequireHttpsMetadata = Authority.StartsWith("https://", StringComparison.Ordinal);
            o.CallbackPath = "/signin-oidc";
            o.Scope.Add("profile");
            if (audience is not null)
            {
                o.Resource = audience;
            }
            o.Events.OnTokenValidated = context =>
            {
                var accessToken = context.TokenEndpointResponse?.AccessToken;
                if (accessToken is null)
                {
                    context.Fail("The identity provider returned no access token for the API.");
                    return Task.CompletedTask;
                }
                var token = new JsonWebToken(accessToken);
                string? Claim(string type) => token.Claims.FirstOrDefault(c => c.Type == type)?.Value;
                var role = Claim(ApiClaims.Role) ?? "";
                var tenant = Claim(ApiClaims.Tenant) ?? "";
                var unit = Claim(ApiClaims.Unit);
                var name = Claim(ApiClaims.Name) ?? Claim(ApiClaims.Subject) ?? "unknown";
                var person = new Person(name, role, tenant, unit, name);
                context.Principal = new ClaimsPrincipal(UiSetup.Identity(person, accessToken));
                context.Properties!.ExpiresUtc = token.ValidTo;
                return Task.CompletedTask;
            };
        });
}
