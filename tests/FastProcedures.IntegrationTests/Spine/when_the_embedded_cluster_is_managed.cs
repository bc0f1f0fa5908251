using System.Diagnostics;
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
