using System.Collections.Concurrent;
using System.Security.Cryptography;
using FastProcedures.Cases;
using FastProcedures.Host;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine;

namespace FastProcedures.IntegrationTests.Ui;

/// <summary>
/// Production sign-in: the UI sends the person to the OIDC authority (here a minimal provider on loopback that signs
/// everyone in as an RO asylum caseworker) and calls the API with the access token it gets back.
/// </summary>
[Trait("Category", "Browser")]
public sealed class when_a_person_signs_in_at_the_identity_provider(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string ClientId = "fastproc-ui";
    private const string Audience = "fastproc-api-prod";

    private WebApplication _provider = default!;
    private WebApplication _app = default!;
    private string _appUrl = "";

    public async Task InitializeAsync()
    {
        _provider = FakeProvider.Build();
        await _provider.StartAsync();
        var authority = Address(_provider);
        Environment.SetEnvironmentVariable("FASTPROC_OIDC_CLIENT_ID", ClientId);
        try
        {
            // Its own database: the browser fixture's host runs on the other one.
            var settings = new CasesSettings(await TestCluster.CreateDatabaseAsync("oidc")) { DurabilityMode = DurabilityMode.Solo };
            var builder = FastProceduresHost.CreateBuilder([], settings, new ApiSecurity(authority, Audience, null));
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            _app = FastProceduresHost.Build(builder);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FASTPROC_OIDC_CLIENT_ID", null);
        }
        await _app.StartAsync();
        _appUrl = Address(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _provider.StopAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task the_ui_signs_in_at_the_authority_and_reads_the_api_with_its_access_token()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = _appUrl });
        context.SetDefaultTimeout(45_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        Assert.Equal(0, await page.Locator("[data-test^=login-asylum]").CountAsync()); // no development issuer
        await page.ClickAsync("[data-test=login-oidc]");
        await page.WaitForURLAsync("**/queue");
        Assert.Equal("Asylum caseworker, Romania", await page.InnerTextAsync("[data-test=user-title]"));
        Assert.Contains("Work queue", await page.InnerTextAsync("h1"));
        Assert.Contains("No open cases.", await page.InnerTextAsync("main")); // the API answered the queue: it took the token
        Assert.Equal(0, await page.Locator("[data-test=problem-title]").CountAsync());
        await context.CloseAsync();
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Just enough of an OpenID provider: discovery, keys, an authorize endpoint that consents at once and a
    /// token endpoint answering an ID token and an API access token for a fixed person.</summary>
    private static class FakeProvider
    {
        public static WebApplication Build()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test" };
            var nonces = new ConcurrentDictionary<string, string>();
            string Issuer() => Address(app);
            string Sign(Dictionary<string, object> claims, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer(), Audience = audience, Claims = claims, Expires = DateTime.UtcNow.AddHours(1),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            });
            app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = Issuer(), ["authorization_endpoint"] = Issuer() + "/authorize", ["token_endpoint"] = Issuer() + "/token",
                ["jwks_uri"] = Issuer() + "/jwks", ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" }, ["id_token_signing_alg_values_supported"] = new[] { "ES256" },
            }));
            app.MapGet("/jwks", () =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
                return Results.Json(new { keys = new[] { new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = jwk.Kid, use = "sig", alg = "ES256" } } });
            });
            app.MapGet("/authorize", (HttpRequest request) =>
            {
                var code = Guid.NewGuid().ToString("N");
                nonces[code] = request.Query["nonce"].ToString();
                return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
            });
            app.MapPost("/token", async (HttpRequest request) =>
            {
                var form = await request.ReadFormAsync();
                var nonce = nonces.GetValueOrDefault(form["code"].ToString(), "");
                var person = new Dictionary<string, object> { ["sub"] = "maria.popescu", ["name"] = "maria.popescu" };
                var idToken = Sign(new Dictionary<string, object>(person) { ["nonce"] = nonce }, ClientId);
                var accessToken = Sign(new Dictionary<string, object>(person) { ["role"] = "caseworker", ["tenant"] = "RO", ["unit"] = "asylum" }, Audience);
                return Results.Json(new Dictionary<string, object>
                {
                    ["access_token"] = accessToken, ["id_token"] = idToken, ["token_type"] = "Bearer", ["expires_in"] = 3600,
                });
            });
            return app;
        }
    }
}
