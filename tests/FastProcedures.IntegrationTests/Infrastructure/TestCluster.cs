using FastProcedures.Postgres;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test run, started by the same launcher as the app, in a temp folder on a
/// free port; stopped and removed when the test process exits. Clusters left behind by a killed run are removed by
/// the next run.
/// </summary>
public static class TestCluster
{
    private static readonly string RunsRoot = Path.Combine(Path.GetTempPath(), "fastproc-tests");
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _cluster;
    private static int _port;
    private static int _databases;

    public static async Task<int> PortAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_cluster is null)
            {
                await RemoveAbandonedRunsAsync();
                var cluster = new EmbeddedPostgres(Path.Combine(RunsRoot, Environment.ProcessId.ToString()));
                _port = await cluster.StartAsync();
                _cluster = cluster;
                StartWatchdog(cluster);
            }
            return _port;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh, empty database: one per test class, so classes can run in parallel.</summary>
    public static async Task<string> CreateDatabaseAsync(string hint)
    {
        var port = await PortAsync();
        var name = $"t{Interlocked.Increment(ref _databases)}_{new string(hint.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";
        await EmbeddedPostgres.EnsureDatabaseAsync(port, name);
        return EmbeddedPostgres.ConnectionString(port, name);
    }

    /// <summary>
    /// A detached shell that waits for this test process to end (normally, on failure or killed), then stops the
    /// cluster (SIGINT: PostgreSQL's fast shutdown) and removes its folder. Exit hooks of the test host are not
    /// given enough time for that.
    /// </summary>
    private static void StartWatchdog(EmbeddedPostgres cluster)
    {
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; " +
            $"pg=$(head -1 '{pidFile}' 2>/dev/null); [ -n \"$pg\" ] && kill -INT \"$pg\" 2>/dev/null; " +
            $"for i in $(seq 1 40); do [ -n \"$pg\" ] && kill -0 \"$pg\" 2>/dev/null || break; sleep 0.25; done; " +
            $"rm -rf '{cluster.RootDirectory}'";
        var start = new System.Diagnostics.ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }
        System.Diagnostics.Process.Start(start);
    }

    private static async Task RemoveAbandonedRunsAsync()
    {
        if (!Directory.Exists(RunsRoot))
        {
            return;
        }
        foreach (var run in Directory.GetDirectories(RunsRoot))
        {
            if (int.TryParse(Path.GetFileName(run), out var pid) && Directory.Exists($"/proc/{pid}"))
            {
                continue; // another test run is alive
            }
            try
            {
                await new EmbeddedPostgres(run).StopAsync();
            }
            catch (PostgresLauncherException)
            {
                // Its server is gone or broken: the folder is removed all the same.
            }
            TryDelete(run);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
