using Alba;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>What each role may and may not do: caseworkers act for their unit only, return officers on return
/// cases, auditors read, travel in time and verify but never act, admins see definitions but no case, the
/// steering committee sees KPIs of every country and no case data.</summary>
public sealed class when_each_role_calls_the_api(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Asylum = "BG-2026-920001";
    private const string Return = "BG-2026-920002";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await database.StartHostAsync();
        await ApiCases.MadeAsync(_host, "BG", Asylum);
        await ApiCases.ReturnCaseAsync(_host, "BG", Return);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<int> Status(string token, string method, string url, object? body = null) =>
        method == "GET" ? (await _host.GetAsync(token, url)).Status : (await _host.PostAsync(token, url, body)).Status;

    [Theory]
    [InlineData("caseworker", "reception", "POST", "/api/cases/" + Asylum + "/start-screening", 200)]
    [InlineData("caseworker", "reception", "POST", "/api/cases/" + Asylum + "/hold-interview", 403)]
    [InlineData("caseworker", "reception", "POST", "/api/cases/" + Return + "/place-removal-hold", 403)]
    [InlineData("caseworker", "asylum", "POST", "/api/cases/" + Asylum + "/take-biometrics", 403)]
    [InlineData("caseworker", null, "POST", "/api/cases/" + Asylum + "/take-biometrics", 403)]
    [InlineData("caseworker", "reception", "GET", "/api/cases", 200)]
    [InlineData("caseworker", "asylum", "GET", "/api/queues/asylum", 200)]
    [InlineData("caseworker", "asylum", "GET", "/api/cases/" + Asylum + "/as-of?at=2026-07-01T00:00:00Z", 403)]
    [InlineData("caseworker", "asylum", "GET", "/api/kpis", 403)]
    [InlineData("caseworker", "asylum", "GET", "/api/admin/workflows", 403)]
    [InlineData("return-officer", null, "POST", "/api/cases/" + Return + "/place-removal-hold", 200)]
    [InlineData("return-officer", null, "POST", "/api/cases/" + Asylum + "/start-screening", 403)]
    [InlineData("return-officer", null, "GET", "/api/return/removable", 200)]
    [InlineData("return-officer", null, "GET", "/api/return/escort-capacity", 200)]
    [InlineData("return-officer", null, "GET", "/api/cases/" + Asylum + "/chain", 403)]
    [InlineData("auditor", null, "GET", "/api/cases/" + Asylum + "/chain", 200)]
    [InlineData("steering", null, "GET", "/api/return/escort-capacity", 403)]
    [InlineData("return-officer", null, "GET", "/api/cases/" + Return, 200)]
    [InlineData("auditor", null, "GET", "/api/cases", 200)]
    [InlineData("auditor", null, "GET", "/api/cases/" + Asylum + "/timeline", 200)]
    [InlineData("auditor", null, "GET", "/api/cases/" + Asylum + "/as-of?at=2030-01-01T00:00:00Z", 200)]
    [InlineData("auditor", null, "POST", "/api/cases/" + Asylum + "/verify", 200)]
    [InlineData("auditor", null, "GET", "/api/deadlines", 200)]
    [InlineData("auditor", null, "GET", "/api/kpis", 200)]
    [InlineData("auditor", null, "POST", "/api/cases/" + Asylum + "/start-screening", 403)]
    [InlineData("auditor", null, "POST", "/api/cases/" + Return + "/place-removal-hold", 403)]
    [InlineData("auditor", null, "POST", "/api/admin/calendars/recompute", 403)]
    [InlineData("admin", null, "GET", "/api/admin/workflows", 200)]
    [InlineData("admin", null, "GET", "/api/admin/calendars", 200)]
    [InlineData("admin", null, "POST", "/api/admin/calendars/recompute", 200)]
    [InlineData("admin", null, "GET", "/api/cases", 403)]
    [InlineData("admin", null, "GET", "/api/cases/" + Asylum, 403)]
    [InlineData("admin", null, "POST", "/api/cases/" + Asylum + "/start-screening", 403)]
    [InlineData("steering", null, "GET", "/api/kpis", 200)]
    [InlineData("steering", null, "GET", "/api/kpis?country=RO", 200)]
    [InlineData("steering", null, "GET", "/api/kpis?every=month", 400)]
    [InlineData("steering", null, "GET", "/api/reports/eps?period=2026-10", 200)]
    [InlineData("admin", null, "GET", "/api/reports/frontex?period=2026-Q4", 200)]
    [InlineData("auditor", null, "GET", "/api/reports/eps?period=2026-10", 403)]
    [InlineData("return-officer", null, "GET", "/api/reports/xes?from=2026-10-01&to=2026-10-31", 403)]
    [InlineData("steering", null, "GET", "/api/cases", 403)]
    [InlineData("steering", null, "GET", "/api/cases/" + Asylum + "/timeline", 403)]
    [InlineData("steering", null, "GET", "/api/deadlines", 403)]
    [InlineData("steering", null, "POST", "/api/cases/" + Asylum + "/start-screening", 403)]
    public async Task a_role_gets_what_it_may_and_403_otherwise(string role, string? unit, string method, string url, int expected)
    {
        var body = url.EndsWith("place-removal-hold") ? new { reason = "Medical certificate." } : (object)new { };

        Assert.Equal(expected, await Status(Tokens.For(role, "BG", unit), method, url, body));
    }

    [Fact]
    public async Task the_escort_capacity_is_the_dated_data_of_the_tokens_country()
    {
        var (status, body, _) = await _host.GetAsync(Tokens.ReturnOfficer("RO"), "/api/return/escort-capacity");

        Assert.Equal(200, status);
        Assert.Equal("RO", (string)body!["country"]!);
        var entry = Assert.Single(body["entries"]!.AsArray())!;
        Assert.Equal("2026-06-12", (string)entry["from"]!);
        Assert.Equal(4, (int)entry["escortsPerDay"]!);
    }

    [Fact]
    public async Task a_refused_role_writes_nothing_and_gets_problem_details()
    {
        var before = (await _host.StreamAsync("BG", Return)).Count;

        var (status, problem, result) = await _host.PostAsync(Tokens.Auditor("BG"), $"/api/cases/{Return}/place-removal-hold", new { reason = "x" });

        Assert.Equal(403, status);
        Assert.Equal(403, (int)problem!["status"]!);
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
        Assert.Equal(before, (await _host.StreamAsync("BG", Return)).Count);
    }

    [Fact]
    public async Task an_auditor_sees_kpis_of_the_own_country_only_and_the_steering_committee_of_every_country()
    {
        var (refused, _, _) = await _host.GetAsync(Tokens.Auditor("BG"), "/api/kpis?country=RO");
        var (_, all, _) = await _host.GetAsync(Tokens.For(Policies.Steering, "BG"), "/api/kpis");

        Assert.Equal(403, refused);
        Assert.Equal(["BG", "RO"], all!["countries"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task kpis_count_the_facts_of_the_country_without_naming_a_case()
    {
        await _host.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var (_, kpis, result) = await _host.GetAsync(Tokens.Auditor("BG"), "/api/kpis");

        Assert.Equal(["BG"], kpis!["countries"]!.AsArray().Select(c => (string)c!));
        Assert.Contains(kpis["counts"]!.AsArray(), c => (string)c!["fact"]! == "application-made" && (int)c["count"]! >= 1);
        Assert.DoesNotContain("BG-2026-92", await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task every_read_of_a_case_by_a_person_goes_to_its_access_log()
    {
        await _host.GetAsync(Tokens.For(Policies.Auditor, "BG", name: "Maria Ivanova"), $"/api/cases/{Asylum}");
        await _host.GetAsync(Tokens.For(Policies.Auditor, "BG", name: "Maria Ivanova"), $"/api/cases/{Asylum}/timeline");

        await using var session = _host.Services.GetRequiredService<IDocumentStore>().QuerySession("BG");
        var reads = await CaseAccessLog.ReadsAsync(session, Asylum, CancellationToken.None);
        Assert.Contains(reads, r => r.ReadBy == "Maria Ivanova" && r.Purpose == "auditor: case over the API");
        Assert.Contains(reads, r => r.ReadBy == "Maria Ivanova" && r.Purpose == "auditor: timeline over the API");
    }
}
