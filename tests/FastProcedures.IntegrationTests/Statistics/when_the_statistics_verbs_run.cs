using System.Text.Json;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Statistics.ProcessMining;
using Json.Schema;

namespace FastProcedures.IntegrationTests.Statistics;

/// <summary><c>fastproc report eurostat</c> and <c>fastproc export ocel|xes</c> on the hand-counted cases.</summary>
public sealed class when_the_statistics_verbs_run(StatisticsCases cases) : IClassFixture<StatisticsCases>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastproc-statistics-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private Task<CliRunner.Result> FastprocAsync(params string[] arguments) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = cases.ConnectionString }, arguments);

    [Fact]
    public async Task report_eurostat_writes_one_csv_per_table_with_the_hand_counted_cells()
    {
        var output = Path.Combine(_folder, "eurostat");

        var result = await FastprocAsync("report", "eurostat", "--country", "BG", "--period", "2027-Q1", "--out", output);

        Assert.Equal(0, result.ExitCode);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).ToHashSet();
        Assert.Superset(new HashSet<string?> { "migr_asyappctzm.csv", "migr_asypenctzm.csv", "migr_asydcfstq.csv", "migr_asydcfina.csv",
            "migr_dubro.csv", "migr_dubto.csv", "migr_eiord.csv", "migr_eirtn.csv", "migr_eirt_vol.csv", "README.txt" }, files);
        var applicants = File.ReadAllLines(Path.Combine(output, "migr_asyappctzm.csv"));
        Assert.Contains("ESTAT:MIGR_ASYAPPCTZM(1.0),M,PER,TOTAL,T,TOTAL,ASY_APP,BG,2027-03,0,2", applicants);
        Assert.Contains("ESTAT:MIGR_ASYAPPCTZM(1.0),M,PER,SY,F,Y35-64,ASY_APP,BG,2027-03,0,1", applicants);
        Assert.Contains("Reading the case events of BG", result.StandardError);
    }

    [Fact]
    public async Task report_eps_and_report_frontex_write_their_indicator_files()
    {
        var eps = await FastprocAsync("report", "eps", "--country", "BG", "--period", "2027-03", "--out", Path.Combine(_folder, "eps"));
        var frontex = await FastprocAsync("report", "frontex", "--country", "BG", "--period", "2027-Q1", "--out", Path.Combine(_folder, "frontex"));

        Assert.Equal(0, eps.ExitCode);
        Assert.Equal(0, frontex.ExitCode);
        Assert.Contains("RECOGNITION_RATE,TOTAL,BG,2027-03,50", File.ReadAllLines(Path.Combine(_folder, "eps", "eps-indicators.csv")));
        Assert.Contains("READY_FOR_RETURN_NOT_ORGANISED,PK,BG,2027-03,1", File.ReadAllLines(Path.Combine(_folder, "frontex", "frontex-returns.csv")));
    }

    [Fact]
    public async Task export_ocel_writes_a_schema_valid_file_and_export_xes_a_log_of_traces()
    {
        var ocel = Path.Combine(_folder, "bg.ocel.json");
        var xes = Path.Combine(_folder, "bg.xes");

        var ocelResult = await FastprocAsync("export", "ocel", "--country", "BG", "--from", "2027-01-01", "--to", "2027-04-30", "--out", ocel);
        var xesResult = await FastprocAsync("export", "xes", "--country", "BG", "--from", "2027-01-01T00:00:00+02:00", "--to", "2027-05-01T00:00:00+03:00", "--out", xes);

        Assert.Equal(0, ocelResult.ExitCode);
        Assert.Equal(0, xesResult.ExitCode);
        var document = JsonDocument.Parse(File.ReadAllText(ocel));
        Assert.True(JsonSchema.FromText(OcelWriter.Schema()).Evaluate(document.RootElement).IsValid);
        Assert.Contains("Writing", ocelResult.StandardError);
        Assert.Equal(9, System.Xml.Linq.XDocument.Load(xes).Root!.Elements("{http://www.xes-standard.org/}trace").Count());
        Assert.False(File.Exists(ocel + ".partial"));
    }

    [Theory]
    [InlineData("report", "eurostat", "--country", "DE", "--period", "2027-03", "--out", "OUT", "--country: 'DE' is not one of BG, RO.")]
    [InlineData("report", "eurostat", "--country", "BG", "--period", "2027-13", "--out", "OUT", "--period: '2027-13' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("report", "eurostat", "--country", "BG", "--period", "2027-Q5", "--out", "OUT", "--period: '2027-Q5' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("report", "eurostat", "--country", "BG", "--period", "2027-03", "--out", "", "--out is required: the folder to write the CSV files to.")]
    [InlineData("report", "eps", "--period", "2027-03", "--out", "OUT", "--country is required (BG or RO).")]
    [InlineData("report", "frontex", "--country", "RO", "--period", "Q4-2026", "--out", "OUT", "--period: 'Q4-2026' is not a month (2026-10) or a quarter (2026-Q4).")]
    [InlineData("export", "ocel", "--country", "BG", "--from", "2027-02-30", "--to", "2027-03-31", "--out", "OUT/x.json", "--from: '2027-02-30' is not a day (2026-10-01) or an ISO 8601 instant with offset.")]
    [InlineData("export", "xes", "--country", "BG", "--from", "2027-03-01", "--to", "2027-02-01", "--out", "OUT/x.xes", "--to (2027-02-01) must come after --from (2027-03-01).")]
    [InlineData("export", "xes", "--country", "BG", "--from", "2027-03-01T10:00:00", "--to", "2027-04-01", "--out", "OUT/x.xes", "--from: '2027-03-01T10:00:00' is not a day (2026-10-01) or an ISO 8601 instant with offset.")]
    [InlineData("export", "ocel", "--country", "BG", "--from", "2027-03-01", "--to", "2027-04-01", "--out", "OUT/missing/x.json", "--out: the folder 'OUT/missing' does not exist.")]
    public async Task bad_input_gets_one_line_a_non_zero_exit_and_writes_nothing(params string[] argumentsAndError)
    {
        var arguments = argumentsAndError[..^1].Select(a => a.Replace("OUT", _folder)).ToArray();
        var expected = argumentsAndError[^1].Replace("OUT", _folder);

        var result = await FastprocAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"fastproc: {expected}", result.StandardError.Trim());
        Assert.Empty(result.StandardOutput);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task a_database_without_an_event_store_gets_one_line_and_is_left_untouched()
    {
        var empty = await TestCluster.CreateDatabaseAsync("statistics_empty_" + Guid.NewGuid().ToString("N")[..6]);

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = empty },
            "report", "eurostat", "--country", "BG", "--period", "2027-03", "--out", Path.Combine(_folder, "none"));

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("fastproc: This database holds no FastProcedures event store (fastproc.mt_events is missing).", result.StandardError.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "none")));
        await using var connection = new Npgsql.NpgsqlConnection(empty);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from information_schema.schemata where schema_name = 'fastproc'", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }
}
