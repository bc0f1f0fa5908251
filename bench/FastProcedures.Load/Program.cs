using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FastProcedures.Host.Security;
using FastProcedures.Load;
using FastProcedures.Postgres;

// Steady load on a real `fastproc serve` over loopback: a fixed rate of REST commands and reads for a fixed time,
// then throughput, latency percentiles, errors and the server's peak memory as JSON on stdout.
//   dotnet run -c Release --project bench/FastProcedures.Load -- [--duration 180] [--rate 40] [--out FILE]
var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: FastProcedures.Load [--duration SECONDS] [--rate REQUESTS-PER-SECOND] [--users N] [--out FILE]");
    return 2;
}
var result = await LoadRun.RunAsync(options, Console.Error.WriteLine);
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
Console.WriteLine(json);
if (options.Out is { } file)
{
    await File.WriteAllTextAsync(file, json);
}
return result.Errors == 0 ? 0 : 1;

namespace FastProcedures.Load
{
    public sealed record LoadOptions(TimeSpan Duration, double Rate, int Users, string? Out)
    {
        public static LoadOptions? Parse(string[] args)
        {
            var options = new LoadOptions(TimeSpan.FromMinutes(3), 40, 16, null);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--duration" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                        options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                        break;
                    case "--rate" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate > 0:
                        options = options with { Rate = rate };
                        break;
                    case "--users" when int.TryParse(value, out var users) && users > 0:
                        options = options with { Users = users };
                        break;
                    case "--out" when value is { Length: > 0 }:
                        options = options with { Out = value };
                        break;
                    default:
                        return null;
                }
                i++;
            }
            return options;
        }
    }

    public sealed record Latency(double P50Ms, double P99Ms, double MaxMs);

    public sealed record LoadResult(
        double DurationSeconds, double TargetRatePerSecond, int Requests, int Commands, int Reads, double ThroughputPerSecond,
        Latency All, Latency CommandLatency, Latency ReadLatency, int Errors, IReadOnlyList<string> ErrorSamples,
        double ServerPeakMemoryMb, int Cases);

    /// <summary>Starts an embedded PostgreSQL and one <c>serve</c> on free loopback ports, drives the load, stops both.</summary>
    public static class LoadRun
    {
        public static async Task<LoadResult> RunAsync(LoadOptions options, Action<string> progress)
        {
            var root = Path.Combine(Path.GetTempPath(), "fastproc-load", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
            var cluster = new EmbeddedPostgres(Path.Combine(root, "pg"));
            Process? server = null;
            try
            {
                progress($"Starting PostgreSQL in {root} ...");
                var port = await cluster.StartAsync();
                await EmbeddedPostgres.EnsureDatabaseAsync(port, "fastproc");
                var data = Path.Combine(root, "data");
                var issuer = DevIssuer.LoadOrCreate(Path.Combine(data, "dev-issuer", "signing-key.pem"));
                var address = new Uri($"http://127.0.0.1:{FreePort()}");
                server = StartServer(address, EmbeddedPostgres.ConnectionString(port, "fastproc"), data);
                await WaitForHealthAsync(address, server);
                progress($"Serving on {address}; warming up ...");
                var tokens = new Tokens(issuer);
                await new Flow(address, tokens, "BG-2026-990000").RunAllAsync();
                progress($"Load: {options.Rate}/s for {options.Duration.TotalSeconds} s with {options.Users} users ...");
                var samples = await DriveAsync(address, tokens, options);
                var peak = PeakMemoryMb(server.Id);
                return Summarise(samples, options, peak);
            }
            finally
            {
                if (server is { HasExited: false })
                {
                    server.Kill();
                    await server.WaitForExitAsync();
                }
                try
                {
                    await cluster.StopAsync();
                }
                catch (PostgresLauncherException)
                {
                }
                try
                {
                    Directory.Delete(root, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        private sealed record Sample(bool Command, double Ms, string? Error);

        /// <summary>Each user walks cases through a fixed mix of commands and reads; together they keep the target rate
        /// (each user acts every users/rate seconds on a fixed schedule).</summary>
        private static async Task<List<Sample>> DriveAsync(Uri address, Tokens tokens, LoadOptions options)
        {
            var samples = new List<Sample>();
            var interval = TimeSpan.FromSeconds(options.Users / options.Rate);
            var clock = Stopwatch.StartNew();
            var cases = 0;
            await Task.WhenAll(Enumerable.Range(0, options.Users).Select(user => Task.Run(async () =>
            {
                var next = TimeSpan.FromSeconds(interval.TotalSeconds * user / options.Users);
                while (clock.Elapsed < options.Duration)
                {
                    var flow = new Flow(address, tokens, $"BG-2026-{Interlocked.Increment(ref cases) + 100000:000000}");
                    foreach (var step in flow.Steps)
                    {
                        if (clock.Elapsed >= options.Duration)
                        {
                            break;
                        }
                        var wait = next - clock.Elapsed;
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait);
                        }
                        next += interval;
                        var started = Stopwatch.GetTimestamp();
                        var error = await flow.RunAsync(step);
                        var sample = new Sample(step.Command, Stopwatch.GetElapsedTime(started).TotalMilliseconds, error);
                        lock (samples)
                        {
                            samples.Add(sample);
                        }
                    }
                }
            })));
            return samples;
        }

        private static LoadResult Summarise(List<Sample> samples, LoadOptions options, double peakMb)
        {
            var errors = samples.Where(s => s.Error is not null).ToList();
            return new LoadResult(
                options.Duration.TotalSeconds, options.Rate, samples.Count, samples.Count(s => s.Command), samples.Count(s => !s.Command),
                Math.Round(samples.Count / options.Duration.TotalSeconds, 1),
                Percentiles(samples), Percentiles(samples.Where(s => s.Command).ToList()), Percentiles(samples.Where(s => !s.Command).ToList()),
                errors.Count, errors.Select(e => e.Error!).Distinct().Take(5).ToList(), Math.Round(peakMb, 1),
                samples.Count(s => s.Command) / 3);
        }

        private static Latency Percentiles(IReadOnlyList<Sample> samples)
        {
            if (samples.Count == 0)
            {
                return new Latency(0, 0, 0);
            }
            var sorted = samples.Select(s => s.Ms).Order().ToList();
            double At(double q) => Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 1);
            return new Latency(At(0.50), At(0.99), Math.Round(sorted[^1], 1));
        }

        /// <summary>VmHWM: the resident set's high-water mark of the server process, as the kernel counts it.</summary>
        private static double PeakMemoryMb(int pid)
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }

        private static Process StartServer(Uri address, string connectionString, string data)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "FastProcedures.Cli.dll"), "serve", "--urls", address.ToString().TrimEnd('/') })
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["FASTPROC_DB"] = connectionString;
            start.Environment["FASTPROC_DATA"] = data;
            start.Environment["FASTPROC_DEV_ISSUER"] = "1";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }

        private static async Task WaitForHealthAsync(Uri address, Process server)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(3) };
            for (var until = DateTime.UtcNow.AddSeconds(120); DateTime.UtcNow < until; await Task.Delay(250))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"serve exited with {server.ExitCode}");
                }
                try
                {
                    if ((await http.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                }
            }
            throw new TimeoutException($"serve on {address} did not answer within 120 s");
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    public sealed class Tokens(DevIssuer issuer)
    {
        public string Reception { get; } = issuer.Issue(Policies.Caseworker, "BG", "reception", "load-reception", DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
        public string Asylum { get; } = issuer.Issue(Policies.Caseworker, "BG", "asylum", "load-asylum", DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
    }

    public sealed record Step(bool Command, HttpMethod Method, string Path, object? Body, bool AsAsylum = false);

    /// <summary>One case through reception, with the reads a caseworker makes between the commands.</summary>
    public sealed class Flow(Uri address, Tokens tokens, string id)
    {
        private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

        public IReadOnlyList<Step> Steps { get; } =
        [
            new(true, HttpMethod.Post, "/api/cases", new
            {
                caseId = id, place = "Border", location = "Lesovo border crossing", nationality = "MAR", hasTravelDocument = false,
                applicant = new { fullName = "Load Applicant", dateOfBirth = "1995-03-01" },
            }),
            new(false, HttpMethod.Get, $"/api/cases/{id}", null),
            new(true, HttpMethod.Post, $"/api/cases/{id}/start-screening", new { }),
            new(true, HttpMethod.Post, $"/api/cases/{id}/take-biometrics", new { eurodacReference = $"EURODAC-{id}" }),
            new(false, HttpMethod.Get, $"/api/cases/{id}/timeline", null),
            new(false, HttpMethod.Get, "/api/queues/reception", null),
        ];

        public async Task RunAllAsync()
        {
            foreach (var step in Steps)
            {
                if (await RunAsync(step) is { } error)
                {
                    throw new InvalidOperationException($"warm-up {step.Path}: {error}");
                }
            }
        }

        /// <summary>Null when the server answered 2xx, else what went wrong.</summary>
        public async Task<string?> RunAsync(Step step)
        {
            using var request = new HttpRequestMessage(step.Method, new Uri(address, step.Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", step.AsAsylum ? tokens.Asylum : tokens.Reception);
            if (step.Body is not null)
            {
                request.Content = JsonContent.Create(step.Body);
            }
            try
            {
                using var response = await Http.SendAsync(request);
                return response.IsSuccessStatusCode ? null : $"{step.Method} {step.Path.Replace(id, "{id}")}: {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return $"{step.Method} {step.Path.Replace(id, "{id}")}: {e.GetType().Name}";
            }
        }
    }
}
