using System.Security.Claims;
using FastProcedures.Host.Ui.Layout;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using FastProcedures.Host.Security;
using MudBlazor.Services;

namespace FastProcedures.Host.Ui;

/// <summary>
/// The web UI: Blazor static server rendering with MudBlazor, a client of the REST API. A person signs in with a
/// cookie that carries the API's bearer token; every page reads and acts through <see cref="ApiClient"/>.
/// </summary>
public static class UiSetup
{
    public const string Scheme = "FastProcedures.Ui";
    public const string TokenClaim = "fastproc:token";
    public const string Policy = "ui";

    public static readonly string[] Cultures = ["en", "bg", "ro"];

    public static void AddFastProceduresUi(this WebApplicationBuilder builder, ApiSecurity security)
    {
        // Static web assets from the build output's manifest (a published app has them in wwwroot instead).
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        if (security.DevIssuer is { } devIssuer)
        {
            services.AddSingleton<IDemoTokens>(new DevIssuerTokens(devIssuer));
        }
        services.AddRazorComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddHttpClient(ApiClient.HttpClientName);
        services.AddScoped<ApiClient>();
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        var authentication = services.AddAuthentication();
        if (OidcSignIn.FromEnvironment(security) is { } oidc)
        {
            services.AddSingleton(oidc);
            oidc.Configure(authentication, security.Audience);
        }
        authentication
            .AddCookie(Scheme, options =>
            {
                options.Cookie.Name = "fastproc-ui";
                // Lax: the cookie set at the end of an OIDC sign-in must come with the redirect that follows it;
                // form posts are covered by antiforgery tokens.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.HttpOnly = true;
                options.LoginPath = "/login";
                options.LogoutPath = "/logout";
                options.AccessDeniedPath = "/denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = false;
            });
        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()));
    }

    public static void MapFastProceduresUi(this WebApplication app)
    {
        app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture("en")
            .AddSupportedCultures(Cultures)
            .AddSupportedUICultures(Cultures));
        app.UseAntiforgery(); // after the API's UseAuthentication and UseAuthorization
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        app.MapGet("/login/oidc", (HttpContext context) => context.RequestServices.GetService<OidcSignIn>() is null
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OidcSignIn.Scheme]))
            .ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(Scheme);
            return Results.LocalRedirect("/login");
        }).ExcludeFromDescription();
        // The dashboard's report links: the browser carries the UI cookie, the API wants the person's bearer token.
        app.MapGet("/kpis/reports/{report}", (string report, HttpContext context, ApiClient api) =>
                api.DownloadAsync($"/api/reports/{Uri.EscapeDataString(report)}{context.Request.QueryString}", context.RequestAborted))
            .RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapGet("/kpis/reports/eurostat/{table}", (string table, HttpContext context, ApiClient api) =>
                api.DownloadAsync($"/api/reports/eurostat/{Uri.EscapeDataString(table)}{context.Request.QueryString}", context.RequestAborted))
            .RequireAuthorization(Policy).ExcludeFromDescription();
        app.MapGet("/culture/{culture}", (string culture, string? back, HttpContext context) =>
        {
            if (Cultures.Contains(culture))
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
            }
            return Results.LocalRedirect(back is { Length: > 0 } && back.StartsWith('/') && !back.StartsWith("//") ? back : "/");
        }).ExcludeFromDescription();
    }

    /// <summary>Signs the demo user in: the cookie holds the API token and the person's role, unit and country.</summary>
    public static async Task SignInAsync(HttpContext context, Person user, string token) =>
        await context.SignInAsync(Scheme, new ClaimsPrincipal(Identity(user, token)));

    /// <summary>The person as the UI cookie keeps them: name, role, country, unit, and the API token.</summary>
    public static ClaimsIdentity Identity(Person user, string token) =>
        new(
        [
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, user.Role),
            new Claim("tenant", user.Country),
            new Claim("unit", user.Unit ?? ""),
            new Claim("title", user.Title),
            new Claim(TokenClaim, token),
        ], Scheme, ClaimTypes.Name, ClaimTypes.Role);
}
