using System.Text.Json;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Cli;

/// <summary><c>fastproc bench</c> prints its figures as one JSON object on stdout (progress on stderr). What it
/// measures is not asserted here (benchmarks are not timed tests); that it measures all of it, in one run, is.</summary>
public sealed class when_the_write_path_is_benchmarked(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task bad_counts_are_one_clear_line_and_exit_2()
    {
        var result = await CliRunner.RunAsync(null, "bench", "--cases", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fastproc: --cases: 0 is not a positive number.", result.StandardError.Trim());
    }

    [Fact]
    public async Task a_small_run_reports_every_figure_as_json_alone_on_stdout_and_no_concurrency_conflict()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = database.ConnectionString },
            "bench", "--cases", "4", "--clients", "2", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var figures = json.RootElement;
        foreach (var field in new[]
        {
            "cases", "clients", "events", "commands_per_s", "p50_ms", "p99_ms", "events_per_s", "baseline_events_per_s",
            "ratio_to_baseline", "minimal_events_per_s", "ratio_to_minimal", "roundtrips_per_command", "concurrency_retries",
        })
        {
            Assert.True(figures.TryGetProperty(field, out _), $"{field} is missing");
        }
        Assert.Equal(4, figures.GetProperty("cases").GetInt32());
        Assert.Equal(32, figures.GetProperty("commands").GetInt32());
        Assert.True(figures.GetProperty("events").GetInt32() > 32);
        Assert.Equal(0, figures.GetProperty("concurrency_retries").GetInt32());
        Assert.Contains("bench:", result.StandardError);
    }
}
