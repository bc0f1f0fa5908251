using System.Diagnostics;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Postgres;
using Npgsql;

namespace FastProcedures.IntegrationTests.Spine;

/// <summary>The launcher on its own cluster (not the run's shared one), as `serve` and `db` use it.</summary>
public sealed class when_the_embedded_cluster_is_managed : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fastproc-launcher-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedPostgres _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new EmbeddedPostgres(_root);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task a_second_start_reuses_the_running_cluster()
    {
        var port = await _cluster.StartAsync();
        var first = await _cluster.StatusAsync();

        var again = await new EmbeddedPostgres(_root).StartAsync();
        var second = await _cluster.StatusAsync();

        Assert.Equal(port, again);
        Assert.Equal(first.ProcessId, second.ProcessId);
        Assert.True(await AnswersAsync(port));
    }

    [Fact]
    public async Task after_the_server_is_killed_the_next_start_recovers()
    {
        await _cluster.StartAsync();
        var before = await _cluster.StatusAsync();
        using (var server = Process.GetProcessById(before.ProcessId!.Value))
        {
            server.Kill(); // SIGKILL: the postmaster.pid stays behind
            await server.WaitForExitAsync();
        }

        var port = await _cluster.StartAsync();

        var after = await _cluster.StatusAsync();
        Assert.True(after.Running);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.True(await AnswersAsync(port));
    }

    [Fact]
    public async Task stop_stops_it_and_status_says_so()
    {
        var port = await _cluster.StartAsync();

        await _cluster.StopAsync();

        var status = await _cluster.StatusAsync();
        Assert.True(status.Initialized);
        Assert.False(status.Running);
        Assert.False(await AnswersAsync(port));
    }

    [Fact]
    public async Task the_application_database_is_created_once()
    {
        var port = await _cluster.StartAsync();

        await EmbeddedPostgres.EnsureDatabaseAsync(port, "fastproc");
        await EmbeddedPostgres.EnsureDatabaseAsync(port, "fastproc");

        await using var connection = new NpgsqlConnection(EmbeddedPostgres.ConnectionString(port, "fastproc"));
        await connection.OpenAsync();
        Assert.Equal("fastproc", connection.Database);
    }

    [Fact]
    public async Task the_application_database_created_by_several_servers_at_once_is_created_once()
    {
        var port = await _cluster.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EmbeddedPostgres.EnsureDatabaseAsync(port, "raced")));

        await using var connection = new NpgsqlConnection(EmbeddedPostgres.ConnectionString(port, "raced"));
        await connection.OpenAsync();
        Assert.Equal("raced", connection.Database);
    }

    [Fact]
    public async Task a_stale_pid_file_naming_the_postmaster_of_another_cluster_is_not_taken_for_this_one()
    {
        var otherRoot = _root + "-other";
        var other = new EmbeddedPostgres(otherRoot);
        try
        {
            var otherPort = await other.StartAsync();
            await _cluster.StartAsync();
            await _cluster.StopAsync();
            // As after a crash whose pid was since reused by another cluster's postmaster.
            File.Copy(Path.Combine(other.DataDirectory, "postmaster.pid"), Path.Combine(_cluster.DataDirectory, "postmaster.pid"));

            var status = await _cluster.StatusAsync();
            var cli = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DATA"] = _root }, "db", "status");
            var port = await _cluster.StartAsync();

            Assert.False(status.Running);
            Assert.Equal(3, cli.ExitCode);
            Assert.StartsWith("PostgreSQL is stopped", cli.StandardOutput);
            Assert.NotEqual(otherPort, port);
            Assert.True(await AnswersAsync(port));
            Assert.True((await other.StatusAsync()).Running, "the other cluster is left alone");
            Assert.True(await AnswersAsync(otherPort));
        }
        finally
        {
            await other.StopAsync();
            Directory.Delete(otherRoot, recursive: true);
        }
    }

    [Fact]
    public async Task a_stale_pid_file_naming_a_live_process_that_is_no_postmaster_does_not_block_a_start()
    {
        await _cluster.StartAsync();
        await _cluster.StopAsync();
        var pidFile = Path.Combine(_cluster.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{_cluster.DataDirectory}\n0\n5432\n");

        var status = await _cluster.StatusAsync();
        var port = await _cluster.StartAsync();

        Assert.False(status.Running);
        Assert.True(await AnswersAsync(port));
    }

    [Fact]
    public async Task two_db_start_at_once_on_a_fresh_folder_both_get_the_one_cluster()
    {
        var environment = new Dictionary<string, string?> { ["FASTPROC_DATA"] = _root, ["FASTPROC_DB"] = null };

        var both = await Task.WhenAll(CliRunner.RunAsync(environment, "db", "start"), CliRunner.RunAsync(environment, "db", "start"));

        Assert.All(both, r => Assert.True(r.ExitCode == 0, r.StandardError));
        Assert.Equal(both[0].StandardOutput, both[1].StandardOutput);
        var status = await _cluster.StatusAsync();
        Assert.True(status.Running);
        Assert.Contains($"127.0.0.1:{status.Port} ", both[0].StandardOutput);
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            await using var connection = new NpgsqlConnection(EmbeddedPostgres.ConnectionString(port, "postgres") + ";Timeout=3");
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
