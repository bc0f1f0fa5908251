using System.Data.Common;
using Npgsql;

namespace FastProcedures.Cases;

/// <summary>How every store of FastProcedures connects to PostgreSQL.</summary>
public static class Connections
{
    /// <summary>Statements Npgsql keeps prepared on each pooled connection. A command repeats the same few statements
    /// (the event append, the snapshot and summary upserts, the outbox inserts), and the async daemon its own.</summary>
    public const int PreparedStatements = 64;

    /// <summary>
    /// The connection string with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>), unless it already says.
    /// Without prepared statements Npgsql resets a connection returned to the pool with <c>DISCARD ALL</c>, which also
    /// drops the plans PostgreSQL cached for <c>mt_quick_append_events</c>: every command re-planned the function's
    /// statements. With statements kept, Npgsql resets the session without discarding plans.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows; the plain builder holds only
        // what the string says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PreparedStatements }.ConnectionString;
    }
}
