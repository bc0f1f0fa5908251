namespace FastProcedures.Postgres;

/// <summary>
/// A problem the user can fix (missing binaries, unwritable folder, unreachable server). The message is one line
/// meant for a terminal; callers print it and exit with <see cref="ExitCode"/>, never a stack trace.
/// </summary>
public sealed class PostgresLauncherException(string message, int exitCode = 2, Exception? inner = null)
    : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    public static PostgresLauncherException NoBinaries(string searched) => new(
        $"No PostgreSQL server binaries found ({searched}). Install them with 'apt-get install postgresql', " +
        "or point FastProcedures at a running server with FASTPROC_DB=<connection string>, " +
        "or run everything with 'docker compose up'.");
}
