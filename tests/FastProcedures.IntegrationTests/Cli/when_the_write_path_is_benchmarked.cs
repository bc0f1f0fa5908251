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
        var noWarmup = await CliRunner.RunAsync(null, "bench", "--warmup", "0");
        Assert.Equal(2, noWarmup.ExitCode);
        Assert.Equal("fastproc: --warmup: 0 is not a positive number.", noWarmup.StandardError.Trim());
    }

    [Fact]
    public async Task a_small_run_reports_every_figure_of_the_contract_as_json_alone_on_stdout_and_no_concurrency_conflict()
    {
        // The runtime, two baselines, the chain walk, two rebuilds and the reads: longer than a verb's usual minute on a
        // busy machine.
        var result = await CliRunner.RunWithinAsync(TimeSpan.FromMinutes(5),
            new Dictionary<string, string?> { ["FASTPROC_DB"] = database.ConnectionString },
            "bench", "--cases", "4", "--clients", "2", "--warmup", "2", "--rounds", "2", "--open-cases", "60", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var figures = json.RootElement;
        foreach (var field in new[]
        {
            "cases", "clients", "events", "commands_per_s", "p50_ms", "p99_ms", "events_per_s", "baseline_events_per_s",
            "ratio_to_baseline", "minimal_events_per_s", "ratio_to_minimal", "roundtrips_per_command", "concurrency_retries",
            "drain_s", "projection_catch_up_s", "cpu_ms_per_commit", "process_cpu_ms_per_commit", "catch_up_cpu_ms_per_commit",
            "minimal_cpu_ms_per_commit", "minimal_process_cpu_ms_per_commit", "baseline_cpu_ms_per_commit", "cpu_ratio_to_minimal",
            "replay_events_per_s", "verify_chain_events_per_s", "deadline_query_p99_ms", "work_queue_p99_ms",
        })
        {
            Assert.True(figures.TryGetProperty(field, out var value), $"{field} is missing");
            Assert.True(value.GetDouble() >= 0, $"{field} is {value}");
        }
        foreach (var rate in new[]
        {
            "commands_per_s", "events_per_s", "baseline_events_per_s", "minimal_events_per_s", "ratio_to_baseline", "ratio_to_minimal",
            "roundtrips_per_command", "replay_events_per_s", "verify_chain_events_per_s", "deadline_query_p99_ms", "work_queue_p99_ms",
            // The runtime's commits cost CPU, in this process and on the machine (Linux: /proc/stat).
            "cpu_ms_per_commit", "process_cpu_ms_per_commit",
        })
        {
            Assert.True(figures.GetProperty(rate).GetDouble() > 0, $"{rate} is not positive");
        }
        Assert.True(figures.GetProperty("p99_ms").GetDouble() >= figures.GetProperty("p50_ms").GetDouble());
        // The drain is part of the runtime's time (events over events_per_s), not added to it; both are rounded.
        Assert.True(figures.GetProperty("drain_s").GetDouble()
            <= figures.GetProperty("events").GetDouble() / figures.GetProperty("events_per_s").GetDouble() + 0.01);
        Assert.True(figures.GetProperty("deadline_query_p99_ms").GetDouble() >= figures.GetProperty("deadline_query_p50_ms").GetDouble());
        // The board and queues were read at the open cases asked for: the driven ones plus seeded summaries.
        Assert.Equal(60, figures.GetProperty("open_cases").GetInt32());
        // Every stored event was replayed into the projections: the driven cases' and the warm-up case's.
        Assert.True(figures.GetProperty("replay_stored_events").GetInt64() > figures.GetProperty("events").GetInt64());
        Assert.Equal(4, figures.GetProperty("cases").GetInt32());
        Assert.Equal(32, figures.GetProperty("commands").GetInt32());
        Assert.True(figures.GetProperty("events").GetInt32() > 32);
        // The joint decisions opened a return case per driven case: their commits and events count and are replayed by
        // the baselines, beside the eight commands.
        Assert.Equal(4 * 9, figures.GetProperty("commits").GetInt32());
        Assert.True(figures.GetProperty("events").GetInt32() > figures.GetProperty("command_events").GetInt32());
        Assert.True(figures.GetProperty("roundtrips_per_command").GetDouble() <= 2.0, "more than 2 round trips per command");
        Assert.Equal(0, figures.GetProperty("concurrency_retries").GetInt32());
        // Two rounds, each the runtime and then both baselines on the round's commits.
        Assert.Contains("round 2/2: runtime", result.StandardError);
        Assert.DoesNotContain("round 3/", result.StandardError);
    }
}
