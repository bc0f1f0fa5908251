using Alba;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>The country comes from the token only: a Romanian token never sees nor changes a Bulgarian case, not
/// through a guessed id, nor a list filter, nor a board; and the 404 it gets says nothing about existence.</summary>
public sealed class when_countries_are_kept_apart(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private const string Bulgarian = "BG-2026-930001";
    private const string Romanian = "RO-2026-930001";
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await database.StartHostAsync();
        await ApiCases.RegisteredAsync(_host, "BG", Bulgarian);
        await ApiCases.RegisteredAsync(_host, "RO", Romanian);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/cases/" + Bulgarian)]
    [InlineData("/api/cases/" + Bulgarian + "/timeline")]
    [InlineData("/api/cases/" + Bulgarian + "/as-of?at=2030-01-01T00:00:00Z")]
    public async Task a_guessed_id_of_another_country_is_not_found_like_an_id_that_does_not_exist(string url)
    {
        var other = await _host.GetAsync(Tokens.Auditor("RO"), url);
        var none = await _host.GetAsync(Tokens.Auditor("RO"), url.Replace(Bulgarian, "BG-2026-939999"));

        Assert.Equal(404, other.Status);
        Assert.Equal(404, none.Status);
        Assert.Equal((string)none.Body!["title"]!, (string)other.Body!["title"]!);
        Assert.Equal(((string)none.Body!["detail"]!).Replace("BG-2026-939999", Bulgarian), (string)other.Body!["detail"]!);
    }

    [Fact]
    public async Task verifying_a_case_of_another_country_is_not_found()
    {
        var (status, _, _) = await _host.PostAsync(Tokens.Auditor("RO"), $"/api/cases/{Bulgarian}/verify", null);

        Assert.Equal(404, status);
    }

    [Fact]
    public async Task a_command_on_a_case_of_another_country_is_not_found_and_writes_nothing()
    {
        var before = (await _host.StreamAsync("BG", Bulgarian)).Count;

        var (status, _, _) = await _host.PostAsync(Tokens.Asylum("RO"), $"/api/cases/{Bulgarian}/lodge-application", new { });

        Assert.Equal(404, status);
        Assert.Equal(before, (await _host.StreamAsync("BG", Bulgarian)).Count);
        Assert.Empty(await _host.StreamAsync("RO", Bulgarian));
    }

    [Fact]
    public async Task an_application_made_with_another_countrys_case_id_is_refused_and_writes_nothing()
    {
        var (status, problem, _) = await _host.PostAsync(Tokens.Reception("RO"), "/api/cases", new
        {
            caseId = "BG-2026-930002", place = "Border", location = "Giurgiu", nationality = "MAR", hasTravelDocument = false,
            applicant = new { fullName = "Cross Border" },
        });

        Assert.Equal(422, status);
        Assert.Contains("does not start with its country RO", (string)problem!["detail"]!);
        Assert.Empty(await _host.StreamAsync("RO", "BG-2026-930002"));
        Assert.Empty(await _host.StreamAsync("BG", "BG-2026-930002"));
    }

    [Theory]
    [InlineData("/api/cases")]
    [InlineData("/api/cases?kind=asylum&unit=asylum&procedure=border-procedure")]
    [InlineData("/api/cases?stage=examination&pageSize=500")]
    public async Task lists_show_the_country_of_the_token_only(string url)
    {
        var (status, list, _) = await _host.GetAsync(Tokens.Auditor("RO"), url);

        Assert.Equal(200, status);
        var ids = list!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.Contains(Romanian, ids);
        Assert.All(ids, id => Assert.StartsWith("RO-", id));
        Assert.All(list["items"]!.AsArray(), i => Assert.Equal("RO", (string)i!["country"]!));
        Assert.Equal(ids.Count, (int)list["total"]!);
    }

    [Fact]
    public async Task boards_and_queues_show_the_country_of_the_token_only()
    {
        var (_, queue, _) = await _host.GetAsync(Tokens.Asylum("RO"), "/api/queues/asylum");
        var (_, board, _) = await _host.GetAsync(Tokens.Asylum("RO"), "/api/deadlines?dueBefore=2030-01-01T00:00:00Z");

        Assert.Equal([Romanian], queue!["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.NotEmpty(board!["items"]!.AsArray());
        Assert.All(board["items"]!.AsArray(), d => Assert.Equal(Romanian, (string)d!["caseId"]!));
    }

    [Fact]
    public async Task the_list_answers_the_contract_shape()
    {
        var (_, list, _) = await _host.GetAsync(Tokens.Auditor("BG"), "/api/cases?page=1&pageSize=10");

        Assert.Equal(1, (int)list!["page"]!);
        Assert.Equal(10, (int)list["pageSize"]!);
        var item = Assert.Single(list["items"]!.AsArray())!;
        Assert.Equal(["id", "kind", "country", "procedure", "stage", "unit", "nextDeadline"], item.AsObject().Select(p => p.Key));
        Assert.Equal(["workflow", "timer", "expiresAt", "legalBasis"], item["nextDeadline"]!.AsObject().Select(p => p.Key));
        Assert.Equal("border-procedure", (string)item["procedure"]!);
    }
}
