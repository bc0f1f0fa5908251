using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace FastProcedures.Cases;

/// <summary>A message whose handler meets PostgreSQL restarting or unreachable (a fired deadline, a message between
/// units) is tried again once the database is back, never parked in the error queue for an operator to replay.</summary>
public static class DatabaseOutages
{
    public static void RetryThroughDatabaseOutages(this WolverineOptions opts) =>
        opts.Policies.OnException(IsTransient)
            .RetryWithCooldown(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2))
            .Then.ScheduleRetry(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>Connection lost, server shutting down or starting, or not answering (Npgsql's own verdict), at any depth.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException
                || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" } || e is PostgresException p && p.SqlState.StartsWith("08", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
