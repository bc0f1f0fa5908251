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

    /// <summary>An ISO 8601 instant with a date, a time and an offset (<c>Z</c> or <c>±hh:mm</c>); a local time
    /// without an offset is refused rather than read in this machine's time zone.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return System.Text.RegularExpressions.Regex.IsMatch(text,
                   @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")
               && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.None, out instant);
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
