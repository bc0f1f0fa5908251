using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using FastProcedures.Host.Apis;
using Microsoft.AspNetCore.Http;

namespace FastProcedures.Host.Ui;

/// <summary>An answer of the API: the body on success, else the status and its Problem Details (RFC 9457).</summary>
public sealed record ApiResult<T>(HttpStatusCode Status, T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null && (int)Status is >= 200 and < 300;
}

/// <summary>Problem Details as the API answers them, with the field errors of a 400.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        var title = response.ReasonPhrase ?? response.StatusCode.ToString();
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (await response.Content.ReadFromJsonAsync<JsonObject>(cancellation) is { } body)
            {
                title = body["title"]?.GetValue<string>() ?? title;
                detail = body["detail"]?.GetValue<string>();
                if (body["errors"] is JsonObject fields)
                {
                    foreach (var (field, messages) in fields)
                    {
                        errors[field] = messages is JsonArray list
                            ? list.Select(m => m?.ToString() ?? "").ToArray()
                            : [messages?.ToString() ?? ""];
                    }
                }
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            // not Problem Details: the status line says enough
        }
        return new ApiProblem((int)response.StatusCode, title, detail, errors);
    }
}

/// <summary>
/// The UI's way to the REST API: calls it over loopback HTTP with the signed-in person's bearer token, so the UI sees
/// exactly what the API lets that person see and do (roles, country, access log).
/// </summary>
public sealed class ApiClient(IHttpClientFactory clients, IHttpContextAccessor accessor, IServer server)
{
    public const string HttpClientName = "fastproc-api";

    public static readonly JsonSerializerOptions Json = Options();

    private static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        return options;
    }

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellation = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellation);

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, long? expectedVersion = null, CancellationToken cancellation = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new JsonObject(), options: Json) };
        if (expectedVersion is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }
        return SendAsync<T>(request, cancellation);
    }

    /// <summary>A file the API serves (a report), passed on as it comes: status, content type, file name and body.</summary>
    public async Task<IResult> DownloadAsync(string pathAndQuery, CancellationToken cancellation = default)
    {
        using var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = BaseAddress();
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        if (Token() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, cancellation);
        var body = await response.Content.ReadAsByteArrayAsync(cancellation);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        return response.IsSuccessStatusCode
            ? Results.File(body, contentType, response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'))
            : Results.Content(System.Text.Encoding.UTF8.GetString(body), contentType, System.Text.Encoding.UTF8, (int)response.StatusCode);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = BaseAddress();
        if (Token() is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await client.SendAsync(request, cancellation);
        if (!response.IsSuccessStatusCode)
        {
            return new ApiResult<T>(response.StatusCode, default, await ApiProblem.ReadAsync(response, cancellation));
        }
        var value = response.Content.Headers.ContentLength == 0
            ? default
            : await response.Content.ReadFromJsonAsync<T>(Json, cancellation);
        return new ApiResult<T>(response.StatusCode, value, null);
    }

    private string? Token() => accessor.HttpContext?.User.FindFirstValue(UiSetup.TokenClaim);

    /// <summary>The address this server listens on, as loopback: never the request's Host header.</summary>
    private Uri BaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server listens on no address the UI can call the API on.");
        var uri = new UriBuilder(address.Replace("://*", "://localhost").Replace("://+", "://localhost").Replace("://[::]", "://localhost"));
        if (uri.Host is "0.0.0.0" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }
        return uri.Uri;
    }
}
