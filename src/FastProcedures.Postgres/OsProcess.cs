using System.Diagnostics;

namespace FastProcedures.Postgres;

/// <summary>Runs a program to completion and captures its output; as root, optionally as another OS user.</summary>
internal static class OsProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => (StandardOutput + "\n" + StandardError).Trim();
    }

    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> arguments, string? asUser = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            // initdb and postgres refuse to run as root: runuser drops to the unprivileged service user.
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", asUser, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new PostgresLauncherException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new PostgresLauncherException($"{Path.GetFileName(program)} did not finish in time.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
