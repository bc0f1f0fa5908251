using FastProcedures.Host;
using FastProcedures.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FastProcedures.Cli.Audit;

/// <summary>
/// The database as the auditors' verbs (replay, verify-chain) find it: they read what exists and create nothing. No
/// initdb, no <c>create database</c>, no schema objects; an embedded cluster they had to start is stopped again when
/// they finish. Missing pieces are one clear <see cref="PostgresLauncherException"/>.
/// </summary>
internal sealed class ReadOnlyDatabase : IAsyncDisposable
{
    /// <summary>The event table every FastProcedures database has (schema of <c>ConfigureFastProcedures</c>).</summary>
    private const string EventTable = "fastproc.mt_events";

    private readonly EmbeddedPostgres? _startedHere;

    private ReadOnlyDatabase(string connectionString, EmbeddedPostgres? startedHere)
    {
        ConnectionString = connectionString;
        _startedHere = startedHere;
    }

    public string ConnectionString { get; }

    public static async Task<ReadOnlyDatabase> OpenAsync(CancellationToken cancellation)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        if (DatabaseLocator.ConfiguredConnectionString(configuration) is { } configured)
        {
            await DatabaseLocator.EnsureReachableAsync(configured, cancellation);
            await RequireEventStoreAsync(configured, "the database given in FASTPROC_DB", cancellation);
            return new ReadOnlyDatabase(configured, null);
        }

        var cluster = new EmbeddedPostgres(EmbeddedPostgres.DefaultRootDirectory());
        var status = await cluster.StatusAsync(cancellation);
        if (!status.Initialized)
        {
            throw new PostgresLauncherException(
                $"There is no FastProcedures database to read: no PostgreSQL cluster in {cluster.DataDirectory} " +
                "(create one with 'fastproc serve', or set FASTPROC_DB).");
        }
        EmbeddedPostgres? startedHere = null;
        int port;
        if (status is { Running: true, Port: { } running })
        {
            port = running;
        }
        else
        {
            Cli.Progress($"Starting the stopped PostgreSQL cluster in {cluster.RootDirectory} for this read (stopped again after) ...");
            port = await cluster.StartAsync(cancellation);
            startedHere = cluster;
        }
        var database = new ReadOnlyDatabase(EmbeddedPostgres.ConnectionString(port, DatabaseLocator.ApplicationDatabase), startedHere);
        try
        {
            await RequireEventStoreAsync(database.ConnectionString, $"the cluster in {cluster.RootDirectory}", cancellation);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _startedHere.StopAsync(CancellationToken.None);
        }
    }

    private static async Task RequireEventStoreAsync(string connectionString, string where, CancellationToken cancellation)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellation);
            await using var command = new NpgsqlCommand($"select to_regclass('{EventTable}') is not null", connection);
            if (await command.ExecuteScalarAsync(cancellation) is not true)
            {
                throw new PostgresLauncherException(
                    $"There is no FastProcedures event store in {where} ({EventTable} is missing); nothing to read.");
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new PostgresLauncherException(
                $"There is no FastProcedures database in {where} (no database '{new NpgsqlConnectionStringBuilder(connectionString).Database}'); nothing to read.");
        }
    }
}
