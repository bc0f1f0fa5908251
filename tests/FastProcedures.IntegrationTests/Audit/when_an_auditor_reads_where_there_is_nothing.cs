using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Postgres;
using Npgsql;

namespace FastProcedures.IntegrationTests.Audit;

/// <summary>`replay` and `verify-chain` only read: without a cluster they run no initdb, on an empty database they
/// create no schema, and a stopped cluster they start for the read is stopped again. Each refusal is one line.</summary>
public sealed class when_an_auditor_reads_where_there_is_nothing : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fastproc-readonly-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            new EmbeddedPostgres(_root).StopAsync().GetAwaiter().GetResult();
            Directory.Delete(_root, recursive: true);
        }
    }

    public static TheoryData<string[]> ReadOnlyVerbs => new() { { ["replay", "BG-2026-000001"] }, { ["verify-chain"] } };

    [Theory]
    [MemberData(nameof(ReadOnlyVerbs))]
    public async Task without_a_cluster_there_is_no_initdb_and_one_line(string[] arguments)
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DATA"] = _root, ["FASTPROC_DB"] = null }, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"fastproc: There is no FastProcedures database to read: no PostgreSQL cluster in {_root}/cluster/data " +
            "(create one with 'fastproc serve', or set FASTPROC_DB).", result.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(_root, "cluster", "data", "PG_VERSION")), "no initdb");
    }

    [Theory]
    [MemberData(nameof(ReadOnlyVerbs))]
    public async Task on_an_empty_database_given_in_fastproc_db_no_schema_is_created(string[] arguments)
    {
        var connectionString = await TestCluster.CreateDatabaseAsync("readonly" + arguments[0]);

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = connectionString }, arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fastproc: There is no FastProcedures event store in the database given in FASTPROC_DB " +
            "(fastproc.mt_events is missing); nothing to read.", result.StandardError.Trim());
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "select count(*) from pg_namespace where nspname = 'fastproc'", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_stopped_cluster_started_for_the_read_is_stopped_again()
    {
        var cluster = new EmbeddedPostgres(_root);
        await cluster.StartAsync();
        await cluster.StopAsync();

        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DATA"] = _root, ["FASTPROC_DB"] = null }, "verify-chain");

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith($"fastproc: There is no FastProcedures database in the cluster in {_root} (no database 'fastproc'); nothing to read.",
            result.StandardError.Trim());
        Assert.False((await cluster.StatusAsync()).Running, "the cluster the verb started is stopped again");
    }
}
