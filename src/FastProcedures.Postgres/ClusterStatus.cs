namespace FastProcedures.Postgres;

/// <summary>What <c>fastproc db status</c> reports about the embedded cluster of a data folder.</summary>
public sealed record ClusterStatus(bool Initialized, bool Running, int? Port, int? ProcessId, string DataDirectory)
{
    public override string ToString() => !Initialized
        ? $"No cluster in {DataDirectory}."
        : Running
            ? $"PostgreSQL is running on 127.0.0.1:{Port} (pid {ProcessId}), data in {DataDirectory}."
            : $"PostgreSQL is stopped, data in {DataDirectory}.";
}
