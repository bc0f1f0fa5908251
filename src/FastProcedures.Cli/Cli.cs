using FastProcedures.Postgres;

namespace FastProcedures.Cli;

/// <summary>How every verb reports: results on stdout, progress and errors as single lines on stderr.</summary>
internal static class Cli
{
    public static void Progress(string message) => Console.Error.WriteLine(message);

    public static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"fastproc: {message}");
        return exitCode;
    }

    /// <summary>Runs a verb body and turns the launcher's user-facing errors into one line and its exit code.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (PostgresLauncherException e)
        {
            return Fail(e.Message, e.ExitCode);
        }
    }
}
