using FastProcedures.Postgres;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FastProcedures.Host;

/// <summary>
/// Finds the database: <c>FASTPROC_DB</c> or <c>ConnectionStrings:Marten</c> when set (no embedded cluster),
/// else the embedded cluster of the data folder, started or reused.
/// </summary>
public static class DatabaseLocator
{
    public const string ApplicationDatabase = "fastproc";

    public static string? ConfiguredConnectionString(IConfiguration configuration) =>
        Environment.GetEnvironmentVariable("FASTPROC_DB") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration.GetConnectionString("Marten") is { Length: > 0 } fromConfiguration
                ? fromConfiguration
                : null;

    public static async Task<string> ResolveAsync(
        IConfiguration configuration, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (ConfiguredConnectionString(configuration) is { } configured)
        {
            await EnsureReachableAsync(configured, cancellationToken);
            return configured;
        }

        var cluster = new EmbeddedPostgres(EmbeddedPostgres.DefaultRootDirectory());
        progress?.Invoke($"Starting embedded PostgreSQL in {cluster.RootDirectory} ...");
        var port = await cluster.StartAsync(cancellationToken);
        await EmbeddedPostgres.EnsureDatabaseAsync(port, ApplicationDatabase, cancellationToken);
        progress?.Invoke($"PostgreSQL is running on 127.0.0.1:{port}.");
        return EmbeddedPostgres.ConnectionString(port, ApplicationDatabase);
    }

    /// <summary>Fails with one clear line when the configured server does not answer.</summary>
    public static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 };
        }
        catch (ArgumentException e)
        {
            throw new PostgresLauncherException($"The connection string in FASTPROC_DB is not valid: {e.Message}");
        }
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new PostgresLauncherException(
                $"Cannot reach the database {builder.Host}:{builder.Port}/{builder.Database} given in FASTPROC_DB: {e.Message}");
        }
    }
}
