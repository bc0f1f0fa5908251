using System.Text;
using System.Text.Json;
using Alba;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>Each error answer of the API, as Problem Details, and nothing written to the case on any of them.</summary>
public sealed class when_a_request_goes_wrong(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Id = "BG-2026-940001";
    private const string Registered = "BG-2026-940002";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await database.StartHostAsync();
        await ApiCases.MadeAsync(_host, "BG", Id);
        await ApiCases.RegisteredAsync(_host, "BG", Registered);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Status, System.Text.Json.Nodes.JsonNode? Problem)> PostWritingNothing(
        string id, string token, string action, object? body, string? ifMatch = null)
    {
        var before = (await _host.StreamAsync("BG", id)).Count;
        var (status, problem, result) = await _host.PostAsync(token, $"/api/cases/{id}/{action}", body, ifMatch);
        Assert.Equal(before, (await _host.StreamAsync("BG", id)).Count);
        if (status >= 400)
        {
            Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
            Assert.Equal(status, (int)problem!["status"]!);
        }
        return (status, problem);
    }

    [Fact]
    public async Task a_body_that_is_not_json_is_400_and_writes_nothing()
    {
        var (status, problem) = await PostWritingNothing(Id, Tokens.Reception("BG"), "take-biometrics", "{ not json");

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["$"]);
    }

    [Fact]
    public async Task an_oversized_body_is_413_and_writes_nothing()
    {
        var huge = new { eurodacReference = new string('x', 200_000) };
        var (status, problem) = await PostWritingNothing(Id, Tokens.Reception("BG"), "take-biometrics", huge);

        Assert.Equal(413, status);
        Assert.Contains("64 KiB", (string)problem!["detail"]!);
    }

    [Fact]
    public async Task an_oversized_application_is_413_and_opens_no_case()
    {
        var (status, _, _) = await _host.PostAsync(Tokens.Reception("BG"), "/api/cases", new
        {
            caseId = "BG-2026-940009", place = "Border", location = new string('L', 100_000), nationality = "MAR", hasTravelDocument = false,
            applicant = new { fullName = "Large Applicant" },
        });

        Assert.Equal(413, status);
        Assert.Empty(await _host.StreamAsync("BG", "BG-2026-940009"));
    }

    [Fact]
    public async Task an_incomplete_body_is_400_naming_every_missing_field_and_writes_nothing()
    {
        var (status, problem) = await PostWritingNothing(Registered, Tokens.Asylum("BG"), "issue-decision",
            new { reason = new { code = "APR Art. 42(1)(j)" }, returnDecision = (object?)null });

        Assert.Equal(400, status);
        var errors = problem!["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("outcome", errors);
        Assert.Contains("legalBasis", errors);
        Assert.Contains("reason.text", errors);
        Assert.DoesNotContain("decidedBy", errors); // who acts comes from the token
    }

    [Fact]
    public async Task a_field_of_the_wrong_type_is_400_and_writes_nothing()
    {
        var (status, problem) = await PostWritingNothing(Id, Tokens.Reception("BG"), "complete-screening", new
        {
            identityVerified = "yes", healthCheckDone = true, securityCheck = "Clear", referral = "Asylum",
        });

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["identityVerified"]);
    }

    [Fact]
    public async Task an_application_without_an_applicant_is_400_and_opens_no_case()
    {
        var (status, problem, _) = await _host.PostAsync(Tokens.Reception("BG"), "/api/cases",
            new { caseId = "BG-2026-940009", place = "Border", location = "Lesovo", nationality = "MAR", hasTravelDocument = false });

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["applicant"]);
        Assert.Empty(await _host.StreamAsync("BG", "BG-2026-940009"));
    }

    [Fact]
    public async Task an_application_under_an_existing_case_id_is_409_and_writes_nothing()
    {
        var before = (await _host.StreamAsync("BG", Id)).Count;
        var (status, problem, _) = await _host.PostAsync(Tokens.Reception("BG"), "/api/cases", new
        {
            caseId = Id, place = "Border", location = "Lesovo", nationality = "SYR", hasTravelDocument = false,
            applicant = new { fullName = "Another Applicant" },
        });

        Assert.Equal(409, status);
        Assert.Contains($"Case {Id} exists already", (string)problem!["detail"]!);
        Assert.Equal(before, (await _host.StreamAsync("BG", Id)).Count);
    }

    [Fact]
    public async Task an_unknown_case_is_404_and_no_stream_is_started()
    {
        var (status, _, _) = await _host.PostAsync(Tokens.Reception("BG"), "/api/cases/BG-2026-949999/start-screening", new { });

        Assert.Equal(404, status);
        Assert.Empty(await _host.StreamAsync("BG", "BG-2026-949999"));
    }

    [Fact]
    public async Task a_return_action_on_an_asylum_case_is_404()
    {
        var (status, _) = await PostWritingNothing(Id, Tokens.ReturnOfficer("BG"), "execute-removal", new { });

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task a_stale_version_is_409_and_writes_nothing()
    {
        var (status, problem) = await PostWritingNothing(Registered, Tokens.Asylum("BG"), "lodge-application", new { }, ifMatch: "\"1\"");
        var (fromBody, _) = await PostWritingNothing(Registered, Tokens.Asylum("BG"), "lodge-application", new { expectedVersion = 1 });

        Assert.Equal(409, status);
        Assert.Contains("the command was made against version 1", (string)problem!["detail"]!);
        Assert.Equal(409, fromBody);
    }

    [Fact]
    public async Task an_if_match_that_is_no_version_is_400()
    {
        var (status, problem) = await PostWritingNothing(Registered, Tokens.Asylum("BG"), "lodge-application", new { }, ifMatch: "\"abc\"");

        Assert.Equal(400, status);
        Assert.NotNull(problem!["errors"]!["If-Match"]);
    }

    [Fact]
    public async Task an_action_the_law_refuses_is_422_with_the_reason_and_writes_nothing()
    {
        var (status, problem) = await PostWritingNothing(Id, Tokens.Asylum("BG"), "issue-decision", new
        {
            outcome = "RejectedUnfounded", reason = new { code = "APR Art. 39", text = "Unfounded." }, legalBasis = "APR Art. 39",
            returnDecision = new { voluntaryDepartureDays = 7, legalBasis = "RD Art. 6", reason = "No right to stay." },
        });

        Assert.Equal(422, status);
        Assert.Contains("is not registered in a procedure yet", (string)problem!["detail"]!);
    }

    [Fact]
    public async Task a_command_posted_without_a_body_is_read_as_an_empty_object()
    {
        var (status, result, _) = await _host.PostAsync(Tokens.Reception("BG"), $"/api/cases/{Id}/start-screening", null);

        Assert.Equal(200, status);
        Assert.Equal(Id, (string)result!["caseId"]!);
    }

    [Fact]
    public async Task a_repeated_command_is_200_and_appends_nothing()
    {
        var first = await _host.PostAsync(Tokens.Asylum("BG"), $"/api/cases/{Registered}/lodge-application", new { });
        var (status, again) = await PostWritingNothing(Registered, Tokens.Asylum("BG"), "lodge-application", new { });

        Assert.Equal(200, first.Status);
        Assert.Equal(200, status);
        Assert.Empty(again!["events"]!.AsArray());
        Assert.Equal((long)first.Body!["version"]!, (long)again["version"]!);
    }

    public static TheoryData<string, string> BadTokens()
    {
        var now = DateTimeOffset.UtcNow;
        var otherKey = Tokens.Another("forger");
        return new()
        {
            { "no token", "" },
            { "unsigned", Unsigned() },
            { "expired", Tokens.Issuer.Issue(Policies.Auditor, "BG", null, "late", now.AddHours(-3), TimeSpan.FromHours(1)) },
            { "wrong audience", Signed(Tokens.Issuer.Key, DevIssuer.Issuer, "another-api") },
            { "wrong issuer", Signed(Tokens.Issuer.Key, "someone-else", DevIssuer.Audience) },
            { "wrong signature", otherKey.Issue(Policies.Auditor, "BG", null, "forger", now, TimeSpan.FromHours(1)) },
            { "garbage", "not-a-jwt" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task a_token_that_is_missing_unsigned_expired_for_another_audience_or_badly_signed_is_401(string why, string token)
    {
        var read = await _host.GetAsync(token, "/api/cases");
        var (write, _) = await PostWritingNothing(Id, token, "take-biometrics", new { eurodacReference = "EURODAC-X" });

        Assert.True(read.Status == 401, why);
        Assert.Equal(401, write);
        Assert.Equal(401, (int)read.Body!["status"]!);
    }

    [Fact]
    public async Task a_token_for_a_country_that_is_not_served_is_403()
    {
        var (status, _, _) = await _host.GetAsync(Tokens.For(Policies.Auditor, "DE"), "/api/cases");

        Assert.Equal(403, status);
    }

    [Fact]
    public async Task health_openapi_and_docs_need_no_token()
    {
        Assert.Equal(200, (await _host.GetAsync("", "/health")).Status);
        Assert.Equal(200, (await _host.GetAsync("", "/openapi/v1.json")).Status);
        var docs = await _host.Scenario(s =>
        {
            s.Get.Url("/docs");
            s.IgnoreStatusCode();
        });
        Assert.Contains(docs.Context.Response.StatusCode, new[] { 200, 301, 302 });
    }

    [Theory]
    [InlineData("/api/cases?page=0")]
    [InlineData("/api/cases?pageSize=501")]
    [InlineData("/api/cases/" + Id + "/as-of")]
    [InlineData("/api/deadlines?status=late")]
    [InlineData("/api/queues/kitchen")]
    [InlineData("/api/deadlines?page=0")]
    [InlineData("/api/queues/asylum?pageSize=501")]
    public async Task a_malformed_query_is_400(string url)
    {
        var token = url.Contains("as-of") ? Tokens.Auditor("BG") : Tokens.Asylum("BG");

        Assert.Equal(400, (await _host.GetAsync(token, url)).Status);
    }

    private static string Unsigned()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value)));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new Dictionary<string, object>
        {
            ["iss"] = DevIssuer.Issuer, ["aud"] = DevIssuer.Audience, ["sub"] = "x", ["role"] = "auditor", ["tenant"] = "BG",
            ["nbf"] = now, ["exp"] = now + 3600,
        })}.";
    }

    private static string Signed(SecurityKey key, string issuer, string audience) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = issuer,
        Audience = audience,
        Claims = new Dictionary<string, object> { ["sub"] = "x", ["role"] = "auditor", ["tenant"] = "BG" },
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
    });
}
