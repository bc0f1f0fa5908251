using System.Diagnostics;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>Runs the built <c>fastproc</c> program (copied next to the tests) as a user would.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Task<Result> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        RunInAsync(null, environment, arguments);

    /// <summary>For verbs that do long work (bench): the same, with a longer limit than 60 s.</summary>
    public static Task<Result> RunWithinAsync(TimeSpan limit, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        RunCoreAsync(limit, null, environment, arguments);

    /// <summary>Runs in <paramref name="workingDirectory"/> (default: the test's), as from a shell there.</summary>
    public static Task<Result> RunInAsync(
        string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments) =>
        RunCoreAsync(TimeSpan.FromSeconds(60), workingDirectory, environment, arguments);

    private static async Task<Result> RunCoreAsync(
        TimeSpan limit, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FastProcedures.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb that hangs (a server that should have refused to start) must not outlive the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fastproc {string.Join(' ', arguments)} did not exit within {limit.TotalSeconds} s");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
