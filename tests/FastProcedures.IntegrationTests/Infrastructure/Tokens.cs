using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using FastProcedures.Host.Security;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>Bearer tokens from a development issuer whose key lives in a temp folder of this test run.</summary>
public static class Tokens
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "fastproc-tests-keys", Environment.ProcessId.ToString());
    private static readonly Lazy<DevIssuer> Key = new(() => Another("issuer"));

    static Tokens() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    };

    public static DevIssuer Issuer => Key.Value;

    /// <summary>Another signing key (a forger's, or an OIDC authority's), removed with the run's keys.</summary>
    public static DevIssuer Another(string name) => DevIssuer.LoadOrCreate(Path.Combine(Folder, name, "signing-key.pem"));

    public static string For(string role, string tenant, string? unit = null, string? name = null) =>
        Issuer.Issue(role, tenant, unit, name ?? $"{role}{(unit is null ? "" : "-" + unit)}-{tenant}".ToLowerInvariant(),
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

    public static string Reception(string tenant) => For(Policies.Caseworker, tenant, "reception");
    public static string Asylum(string tenant) => For(Policies.Caseworker, tenant, "asylum");
    public static string ReturnOfficer(string tenant) => For(Policies.ReturnOfficer, tenant);
    public static string Auditor(string tenant) => For(Policies.Auditor, tenant);
}

/// <summary>HTTP calls as a client of the API makes them.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> GetAsync(this IAlbaHost host, string token, string url)
    {
        var result = await host.Scenario(s =>
        {
            if (token.Length > 0)
            {
                s.WithBearerToken(token);
            }
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await BodyAsync(result), result);
    }

    public static async Task<(int Status, JsonNode? Body, IScenarioResult Result)> PostAsync(
        this IAlbaHost host, string token, string url, object? body, string? ifMatch = null)
    {
        var result = await host.Scenario(s =>
        {
            if (token.Length > 0)
            {
                s.WithBearerToken(token);
            }
            if (body is string raw)
            {
                s.Post.Text(raw).ToUrl(url);
                s.WithRequestHeader("Content-Type", "application/json");
            }
            else if (body is null)
            {
                s.Post.Url(url);
            }
            else
            {
                s.Post.Json(body).ToUrl(url);
            }
            if (ifMatch is not null)
            {
                s.WithRequestHeader("If-Match", ifMatch);
            }
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await BodyAsync(result), result);
    }

    private static async Task<JsonNode?> BodyAsync(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        // Files (CSV, zip, XML) are not JSON: their bodies are read from the result.
        var type = result.Context.Response.ContentType ?? "";
        return text.Length == 0 || (type.Length > 0 && !type.Contains("json", StringComparison.Ordinal)) ? null : JsonNode.Parse(text);
    }
}
