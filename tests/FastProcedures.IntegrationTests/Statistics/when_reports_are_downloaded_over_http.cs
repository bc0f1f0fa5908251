using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alba;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.ProcessMining;
using Json.Schema;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary><c>GET /api/reports/...</c> on the hand-counted cases: for the steering committee and admins only, the
/// same files as <c>fastproc report</c> and <c>fastproc export</c> write from the same events, Problem Details on bad
/// input.</summary>
public sealed partial class when_reports_are_downloaded_over_http(StatisticsCases cases) : IClassFixture<StatisticsCases>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastproc-reports-api-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static string Steering(string country = "BG") => Tokens.For(Policies.Steering, country);

    private async Task<(int Status, string ContentType, byte[] Body)> DownloadAsync(string token, string url)
    {
        var result = await cases.Host.Scenario(s =>
        {
            s.WithBearerToken(token);
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        using var body = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(body);
        return (result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", body.ToArray());
    }

    private Task<CliRunner.Result> FastprocAsync(params string[] arguments) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = cases.ConnectionString }, arguments);

    [Fact]
    public async Task the_eurostat_zip_holds_the_same_files_the_cli_writes()
    {
        var cli = await FastprocAsync("report", "eurostat", "--country", "BG", "--period", "2027-Q1", "--out", Path.Combine(_folder, "cli"));
        var (status, contentType, body) = await DownloadAsync(Steering(), "/api/reports/eurostat?period=2027-Q1");

        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(200, status);
        Assert.Equal("application/zip", contentType);
        using var zip = new ZipArchive(new MemoryStream(body));
        var files = Directory.GetFiles(Path.Combine(_folder, "cli")).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.Equal(files.Keys.Order(), zip.Entries.Select(e => e.FullName).Order());
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            Assert.Equal(files[entry.FullName], await reader.ReadToEndAsync());
        }
        using var applicants = new StreamReader(zip.GetEntry("migr_asyappctzm.csv")!.Open());
        Assert.Contains("ESTAT:MIGR_ASYAPPCTZM(1.0),M,PER,TOTAL,T,TOTAL,ASY_APP,BG,2027-03,0,2", await applicants.ReadToEndAsync());
    }

    [Fact]
    public async Task one_eurostat_table_eps_and_frontex_come_as_the_csv_the_cli_writes()
    {
        await FastprocAsync("report", "eurostat", "--country", "BG", "--period", "2027-03", "--out", Path.Combine(_folder, "eurostat"));
        await FastprocAsync("report", "eps", "--country", "BG", "--period", "2027-03", "--out", Path.Combine(_folder, "eps"));
        await FastprocAsync("report", "frontex", "--country", "BG", "--period", "2027-Q1", "--out", Path.Combine(_folder, "frontex"));

        var table = await DownloadAsync(Steering(), "/api/reports/eurostat/migr_asyappctzm?period=2027-03");
        var eps = await DownloadAsync(Tokens.For(Policies.Admin, "BG"), "/api/reports/eps?period=2027-03");
        var frontex = await DownloadAsync(Steering(), "/api/reports/frontex?period=2027-Q1");

        Assert.Equal((200, "text/csv"), (table.Status, table.ContentType));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "eurostat", "migr_asyappctzm.csv")), Text(table.Body));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "eps", "eps-indicators.csv")), Text(eps.Body));
        Assert.Contains("RECOGNITION_RATE,TOTAL,BG,2027-03,50", Text(eps.Body));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "frontex", "frontex-returns.csv")), Text(frontex.Body));
        Assert.Contains("READY_FOR_RETURN_NOT_ORGANISED,PK,BG,2027-03,1", Text(frontex.Body));
    }

    [Fact]
    public async Task the_ocel_and_xes_exports_match_the_cli_but_for_the_pseudonyms_drawn_per_export()
    {
        var cliOcel = Path.Combine(_folder, "bg.ocel.json");
        var cliXes = Path.Combine(_folder, "bg.xes");
        await FastprocAsync("export", "ocel", "--country", "BG", "--from", "2027-01-01", "--to", "2027-04-30", "--out", cliOcel);
        await FastprocAsync("export", "xes", "--country", "BG", "--from", "2027-01-01", "--to", "2027-04-30", "--out", cliXes);

        var ocel = await DownloadAsync(Steering(), "/api/reports/ocel?from=2027-01-01&to=2027-04-30");
        var xes = await DownloadAsync(Steering(), "/api/reports/xes?from=2027-01-01&to=2027-04-30");

        Assert.Equal((200, "application/json"), (ocel.Status, ocel.ContentType));
        Assert.True(JsonSchema.FromText(OcelWriter.Schema()).Evaluate(JsonDocument.Parse(ocel.Body).RootElement).IsValid);
        Assert.Equal(OcelShape(File.ReadAllText(cliOcel)), OcelShape(Text(ocel.Body)));
        Assert.Equal(9, System.Xml.Linq.XDocument.Parse(Text(xes.Body)).Root!.Elements("{http://www.xes-standard.org/}trace").Count());
        Assert.Equal(Shape(File.ReadAllText(cliXes)), Shape(Text(xes.Body)));
        Assert.DoesNotContain("BG-2027-81", Text(ocel.Body));
        Assert.DoesNotContain("Amina", Text(ocel.Body));
        Assert.DoesNotContain("BG-2027-81", Text(xes.Body));
    }

    [Theory]
    [InlineData(Policies.Caseworker)]
    [InlineData(Policies.ReturnOfficer)]
    [InlineData(Policies.Auditor)]
    public async Task other_roles_are_refused(string role)
    {
        foreach (var url in new[] { "/api/reports/eurostat?period=2027-Q1", "/api/reports/eps?period=2027-03", "/api/reports/ocel?from=2027-01-01&to=2027-04-30" })
        {
            var (status, _, _) = await DownloadAsync(Tokens.For(role, "BG", role == Policies.Caseworker ? "asylum" : null), url);
            Assert.Equal(403, status);
        }
    }

    [Fact]
    public async Task the_country_is_the_tokens()
    {
        var (status, _, body) = await DownloadAsync(Steering("RO"), "/api/reports/eps?period=2027-03");

        Assert.Equal(200, status);
        Assert.Contains("APPLICATIONS,TOTAL,RO,2027-03,0", Text(body));
        Assert.DoesNotContain(",BG,", Text(body));
    }

    [Theory]
    [InlineData("/api/reports/eurostat?period=2027-13", "period", "period: '2027-13' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("/api/reports/eurostat", "period", "period: '' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("/api/reports/frontex?period=Q4-2026", "period", "period: 'Q4-2026' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("/api/reports/eps?period=2027-Q5", "period", "period: '2027-Q5' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("/api/reports/ocel?from=2027-02-30&to=2027-03-31", "from", "from: '2027-02-30' is not a day (2026-10-01) or an ISO 8601 instant with offset.")]
    [InlineData("/api/reports/xes?from=2027-03-01&to=2027-02-01", "to", "to (2027-02-01) must come after from (2027-03-01).")]
    public async Task bad_input_gets_problem_details_naming_the_field(string url, string field, string message)
    {
        var (status, contentType, body) = await DownloadAsync(Steering(), url);

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
        var problem = JsonNode.Parse(body)!;
        Assert.Equal(message, (string)problem["errors"]![field]![0]!);
    }

    [Fact]
    public async Task a_table_the_period_does_not_have_is_not_found()
    {
        var (status, contentType, body) = await DownloadAsync(Steering(), "/api/reports/eurostat/migr_eirtn?period=2027-03");

        Assert.Equal(404, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains("migr_asyappctzm", Text(body));
    }

    private static string Text(byte[] body) => System.Text.Encoding.UTF8.GetString(body);

    /// <summary>The file's lines, sorted, with every pseudonym and event id blanked: pseudonyms are drawn per export
    /// and order the events of one instant.</summary>
    private static List<string> Shape(string text) =>
        EventId().Replace(Pseudonym().Replace(text, "case-#"), "\"e#\"").Split('\n').Order(StringComparer.Ordinal).ToList();

    /// <summary>The OCEL log's object types, event types and events (type and time, sorted), and its object count.</summary>
    private static string OcelShape(string json)
    {
        var log = JsonNode.Parse(json)!;
        return string.Join("|", log["objectTypes"]!.ToJsonString(), log["eventTypes"]!.ToJsonString(), log["objects"]!.AsArray().Count,
            string.Join(",", log["events"]!.AsArray().Select(e => $"{e!["type"]}@{e["time"]}").Order(StringComparer.Ordinal)));
    }

    [GeneratedRegex("case-[0-9a-f]{20}")]
    private static partial Regex Pseudonym();

    [GeneratedRegex("\"e[0-9]+\"")]
    private static partial Regex EventId();
}
