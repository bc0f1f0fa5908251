using FastProcedures.Load;

namespace FastProcedures.IntegrationTests.Nodes;

/// <summary>The load generator of bench/ (run for 3 minutes by hand) works end to end: a few seconds here.</summary>
public sealed class when_the_load_generator_runs
{
    [Fact]
    public async Task it_holds_its_rate_against_a_real_server_and_reports_latencies_errors_and_memory()
    {
        var result = await LoadRun.RunAsync(new LoadOptions(TimeSpan.FromSeconds(5), 8, 4, null), _ => { });

        Assert.Equal(0, result.Errors);
        Assert.True(result.Commands > 0 && result.Reads > 0, $"{result.Commands} commands, {result.Reads} reads");
        Assert.InRange(result.Requests, 20, 60);
        Assert.True(result.All.P50Ms > 0 && result.All.P99Ms >= result.All.P50Ms);
        Assert.True(result.ServerPeakMemoryMb > 50, $"{result.ServerPeakMemoryMb} MB");
    }
}
