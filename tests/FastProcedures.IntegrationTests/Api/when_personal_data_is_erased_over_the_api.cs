using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.ErasingPersonalData;
using FastProcedures.Cases.Audit.ReadingPersonalData;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Audit;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Api;

/// <summary><c>POST /api/cases/{id}/erase-personal-data</c>: an admin erases the applicant's personal data with a
/// legal ground; the erasure is recorded and the data reads as erased afterwards; every refusal writes nothing.</summary>
public sealed class when_personal_data_is_erased_over_the_api(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Ground = "GDPR Art. 17(1)(a): no longer necessary";
    private static readonly Reader Caseworker = new("officer-asylum", "examination");
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Url(string id) => $"/api/cases/{id}/erase-personal-data";

    private async Task<string> MadeAsync(string country, string id, string name)
    {
        await _host.SendAsync(country, new MakeApplication(id, country, ApplicationPlace.Border, "Border crossing", "SYR", false,
            new PersonalDetails(name, new DateOnly(1991, 3, 4), "+40 711 222 333"), "officer-reception"));
        return Assert.IsType<ApplicationMade>((await _host.StreamAsync(country, id))[0].Data).Applicant.KeyId;
    }

    /// <summary>Posts and checks that neither the case's events nor the person's key changed.</summary>
    private async Task<(int Status, System.Text.Json.Nodes.JsonNode? Problem)> PostWritingNothing(
        string country, string id, string keyId, string token, object? body)
    {
        var before = (await _host.StreamAsync(country, id)).Count;
        var (status, problem, result) = await _host.PostAsync(token, Url(id), body);
        Assert.Equal(before, (await _host.StreamAsync(country, id)).Count);
        Assert.NotNull(await _host.LoadAsync<PersonKey>(country, keyId));
        Assert.StartsWith("application/problem+json", result.Context.Response.ContentType);
        Assert.Equal(status, (int)problem!["status"]!);
        return (status, problem);
    }

    [Fact]
    public async Task an_admin_erases_with_a_legal_ground_the_erasure_is_recorded_and_the_data_reads_as_erased()
    {
        const string id = "RO-2026-950001";
        var keyId = await MadeAsync("RO", id, "Ileana Zorvatescu");
        var admin = Tokens.For(Policies.Admin, "RO");

        var (status, body, _) = await _host.PostAsync(admin, Url(id), new { legalGround = Ground });
        var (repeat, again, _) = await _host.PostAsync(admin, Url(id), new { legalGround = Ground });

        Assert.Equal(200, status);
        var erased = Assert.Single(body!["events"]!.AsArray());
        Assert.Equal(nameof(PersonalDataErased), (string)erased!["type"]!);
        Assert.Equal(Ground, (string)erased["data"]!["legalGround"]!);
        Assert.Equal("admin-ro", (string)erased["data"]!["erasedBy"]!);
        var recorded = Assert.IsType<PersonalDataErased>((await _host.StreamAsync("RO", id))[^1].Data);
        Assert.Equal([keyId], recorded.KeyIds);
        Assert.Equal(("admin-ro", Ground), (recorded.ErasedBy, recorded.LegalGround));
        // A repeat records nothing.
        Assert.Equal(200, repeat);
        Assert.Empty(again!["events"]!.AsArray());
        Assert.Equal((long)body["version"]!, (long)again["version"]!);
        // The key is gone: the sealed data reads as erased, and the name is stored nowhere in clear.
        Assert.Null(await _host.LoadAsync<PersonKey>("RO", keyId));
        await using var session = _host.Session("RO");
        var details = await ReadApplicant.LoadAsync(session, id, Caseworker, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(PersonalData.ErasedDetails, details);
        Assert.Empty(await database.TablesContainingAsync("Zorvatescu"));
        // The case itself stays readable over the API, with the erasure in its timeline and no personal data.
        var auditor = Tokens.Auditor("RO");
        var (caseStatus, detail, _) = await _host.GetAsync(auditor, $"/api/cases/{id}");
        var (timelineStatus, timeline, _) = await _host.GetAsync(auditor, $"/api/cases/{id}/timeline");
        Assert.Equal((200, 200), (caseStatus, timelineStatus));
        Assert.DoesNotContain("Zorvatescu", detail!.ToJsonString());
        Assert.Contains(nameof(PersonalDataErased), timeline!.ToJsonString());
        Assert.DoesNotContain("Zorvatescu", timeline.ToJsonString());
    }

    [Fact]
    public async Task a_missing_legal_ground_is_400_naming_the_field_and_writes_nothing()
    {
        const string id = "BG-2026-950002";
        var keyId = await MadeAsync("BG", id, "Missing Ground");

        var (status, problem) = await PostWritingNothing("BG", id, keyId, Tokens.For(Policies.Admin, "BG"), new { });

        Assert.Equal(400, status);
        Assert.Equal(["legalGround"], problem!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task a_blank_legal_ground_is_refused_naming_the_field_and_writes_nothing()
    {
        const string id = "BG-2026-950003";
        var keyId = await MadeAsync("BG", id, "Blank Ground");

        var (status, problem) = await PostWritingNothing("BG", id, keyId, Tokens.For(Policies.Admin, "BG"), new { legalGround = "  " });

        Assert.Equal(422, status);
        Assert.Contains("LegalGround", (string)problem!["detail"]!);
    }

    [Fact]
    public async Task an_unknown_case_and_a_case_of_another_country_are_404_and_nothing_is_written()
    {
        const string id = "BG-2026-950004";
        var keyId = await MadeAsync("BG", id, "Other Country");

        var (unknown, _, _) = await _host.PostAsync(Tokens.For(Policies.Admin, "BG"), Url("BG-2026-950999"), new { legalGround = Ground });
        var (foreign, problem) = await PostWritingNothing("BG", id, keyId, Tokens.For(Policies.Admin, "RO"), new { legalGround = Ground });

        Assert.Equal(404, unknown);
        Assert.Equal(404, foreign);
        Assert.Equal("No such case", (string)problem!["title"]!);
    }

    [Theory]
    [InlineData(Policies.Auditor, null)]
    [InlineData(Policies.Caseworker, "reception")]
    [InlineData(Policies.Caseworker, "asylum")]
    [InlineData(Policies.ReturnOfficer, null)]
    [InlineData(Policies.Steering, null)]
    public async Task any_other_role_is_403_and_nothing_is_written(string role, string? unit)
    {
        var id = $"BG-2026-9501{Policies.AllRoles.ToList().IndexOf(role)}{unit?.Length ?? 0}";
        var keyId = await MadeAsync("BG", id, "Wrong Role");

        var (status, _) = await PostWritingNothing("BG", id, keyId, Tokens.For(role, "BG", unit), new { legalGround = Ground });

        Assert.Equal(403, status);
    }
}
