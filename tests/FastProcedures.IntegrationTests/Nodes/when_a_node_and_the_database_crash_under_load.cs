using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Postgres;
using Npgsql;
using Xunit.Abstractions;

namespace FastProcedures.IntegrationTests.Nodes;

/// <summary>
/// Two real <c>serve</c> nodes on one embedded PostgreSQL take a steady load of commands through the REST API; mid-load
/// one node is killed with SIGKILL and PostgreSQL is restarted, while deadlines fall due. Afterwards every command that
/// was answered 2xx is in its case's stream exactly once, every deadline that fell due during the outage fired exactly
/// once, every message it sent to a unit arrived once, and the hash chains verify. Loopback only, about a minute.
/// </summary>
public sealed class when_a_node_and_the_database_crash_under_load(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Country = "BG";
    private const string Timer = "screening-border-limit";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fastproc-crash", $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..20]);
    private EmbeddedPostgres _cluster = null!;
    private int _port;
    private string _connectionString = "";
    private readonly List<ServeProcess> _nodes = [];

    /// <summary>The test's own reads open fresh connections: pooled ones die with the PostgreSQL restart.</summary>
    private string Unpooled => new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _cluster = new EmbeddedPostgres(Path.Combine(_root, "pg"));
        _port = await _cluster.StartAsync();
        await EmbeddedPostgres.EnsureDatabaseAsync(_port, "fastproc");
        _connectionString = EmbeddedPostgres.ConnectionString(_port, "fastproc");
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        try
        {
            await new EmbeddedPostgres(Path.Combine(_root, "pg"), _port).StopAsync();
        }
        catch (PostgresLauncherException)
        {
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One command as a client saw it: accepted means answered 2xx.</summary>
    private sealed record Sent(string CaseId, string EventType, bool Accepted, string Answer);

    [Fact]
    public async Task every_accepted_command_is_stored_once_and_every_due_deadline_fires_once()
    {
        var data = Path.Combine(_root, "data");
        var issuer = DevIssuer.LoadOrCreate(Path.Combine(data, "dev-issuer", "signing-key.pem"));
        var environment = new Dictionary<string, string>
        {
            ["FASTPROC_DB"] = _connectionString,
            ["FASTPROC_DATA"] = data,
            ["FASTPROC_DEV_ISSUER"] = "1",
            ["Wolverine__Durability__FirstHealthCheckExecution"] = "00:00:00.200",
            ["Wolverine__Durability__HealthCheckPollingTime"] = "00:00:01",
            ["Wolverine__Durability__CheckAssignmentPeriod"] = "00:00:01",
            ["Wolverine__Durability__NodeReassignmentPollingTime"] = "00:00:01",
            ["Wolverine__Durability__StaleNodeTimeout"] = "00:00:05",
            ["Wolverine__Durability__ScheduledJobFirstExecution"] = "00:00:00.200",
            ["Wolverine__Durability__ScheduledJobPollingTime"] = "00:00:00.500",
        };
        var setup = Stopwatch.StartNew();
        _nodes.Add(ServeProcess.Start(environment));
        _nodes.Add(ServeProcess.Start(environment));
        await Task.WhenAll(_nodes.Select(n => n.WaitUntilServingAsync(TimeSpan.FromSeconds(90))));
        var token = issuer.Issue(Policies.Caseworker, Country, "reception", "crash-reception", DateTimeOffset.UtcNow, TimeSpan.FromHours(1));

        // Each node compiles its handlers at its first commands: warm both up before the clock starts.
        await Task.WhenAll(_nodes.Select(n => WarmUpAsync(n, token)));
        output.WriteLine($"two nodes serving and warm after {setup.Elapsed:mm\\:ss}");

        var sent = new ConcurrentQueue<Sent>();
        var completed = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(() => ClientAsync(c, token, sent, completed, stop.Token))).ToList();
        var clock = Stopwatch.StartNew();

        var warm = Stopwatch.StartNew();
        while (completed.Count < 12 && warm.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(250);
        }
        // Time passes for the scheduler: the screening limit of every case finished so far falls due in the outage.
        var due = await MoveExpiriesIntoOutageAsync(completed.ToHashSet());
        Assert.True(due.Count > 0, $"{completed.Count} cases finished; {sent.Count} commands, refusals: " +
            string.Join("; ", sent.Where(s => !s.Accepted).Select(s => s.Answer).Distinct().Take(3)));
        _nodes[1].KillHard();
        output.WriteLine($"{clock.Elapsed:mm\\:ss} node 2 killed (kill -9); {due.Count} deadlines fall due in the next 12 s");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _cluster.StopAsync();
        output.WriteLine($"{clock.Elapsed:mm\\:ss} PostgreSQL stopped");
        await Task.Delay(TimeSpan.FromSeconds(3));
        _cluster = new EmbeddedPostgres(Path.Combine(_root, "pg"), _port);
        await _cluster.StartAsync();
        output.WriteLine($"{clock.Elapsed:mm\\:ss} PostgreSQL restarted");
        await Task.Delay(TimeSpan.FromSeconds(8));
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        output.WriteLine($"{clock.Elapsed:mm\\:ss} load stopped");

        // Deadlines and messages settle on the surviving node.
        var until = DateTime.UtcNow.AddSeconds(40);
        Dictionary<string, List<JsonElement>> streams;
        while (true)
        {
            streams = await StreamsAsync();
            if (due.All(id => Breaches(streams, id) > 0) || DateTime.UtcNow > until)
            {
                break;
            }
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        streams = await StreamsAsync();

        var accepted = sent.Where(s => s.Accepted).ToList();
        var stored = accepted.Count(s => Count(streams, s.CaseId, s.EventType) >= 1);
        var duplicated = accepted.Count(s => Count(streams, s.CaseId, s.EventType) > 1);
        var fired = due.Count(id => Breaches(streams, id) >= 1);
        var firedTwice = due.Count(id => Breaches(streams, id) > 1);
        var messages = streams.Values.SelectMany(e => e).Where(e => Type(e) == "unit_message_sent").Select(InboxId).ToList();
        var inbox = await InboxAsync();
        var arrived = messages.Count(inbox.Contains);
        var chain = await CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = _connectionString }, "verify-chain", "--tenant", Country);

        var counts = $"commands sent {sent.Count}, accepted {accepted.Count}, stored {stored}, lost {accepted.Count - stored}, duplicated {duplicated}; " +
            $"deadlines due {due.Count}, fired {fired}, duplicated {firedTwice}; messages to units sent {messages.Count}, arrived {arrived}, " +
            $"duplicated {messages.Count - messages.Distinct().Count()}; verify-chain exit {chain.ExitCode}";
        output.WriteLine(counts);
        output.WriteLine(await DeadLettersAsync());
        Console.WriteLine($"crash test: {counts}");
        Assert.True(accepted.Count > 20, counts);
        Assert.Equal(accepted.Count, stored);
        Assert.Equal(0, duplicated);
        Assert.Equal(due.Count, fired);
        Assert.Equal(0, firedTwice);
        Assert.NotEmpty(messages);
        Assert.Equal(messages.Count, arrived);
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.True(chain.ExitCode == 0, chain.StandardOutput + chain.StandardError);
    }

    /// <summary>One client: opens a case, starts its screening and takes biometrics, then the next case; each command
    /// to the next node in turn. A command that fails is not retried: its case is dropped (its outcome is unknown).</summary>
    private async Task ClientAsync(int client, string token, ConcurrentQueue<Sent> sent, ConcurrentQueue<string> completed, CancellationToken stop)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var turn = client;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = $"{Country}-2026-9{client}{n:00000}";
            var steps = new (string Path, object Body, string Event)[]
            {
                ("/api/cases", new
                {
                    caseId = id, place = "Border", location = "Lesovo border crossing", nationality = "MAR", hasTravelDocument = false,
                    applicant = new { fullName = "Crash Applicant", dateOfBirth = "1995-03-01" },
                }, "application_made"),
                ($"/api/cases/{id}/start-screening", new { }, "screening_started"),
                ($"/api/cases/{id}/take-biometrics", new { eurodacReference = $"EURODAC-{id}" }, "biometrics_taken"),
            };
            var all = true;
            foreach (var (path, body, type) in steps)
            {
                var node = _nodes[turn++ % _nodes.Count];
                bool ok;
                string answer;
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(node.Address, path), body, CancellationToken.None);
                    ok = response.IsSuccessStatusCode;
                    answer = ok ? "" : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}";
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                    answer = e.GetType().Name;
                }
                sent.Enqueue(new Sent(id, type, ok, answer));
                if (!ok)
                {
                    all = false;
                    await Task.Delay(100, CancellationToken.None);
                    break;
                }
            }
            if (all)
            {
                completed.Enqueue(id);
            }
        }
    }

    private static async Task WarmUpAsync(ServeProcess node, string token)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(90) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var id = $"{Country}-2026-98{node.Address.Port % 10000:0000}";
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/api/cases", new
                     {
                         caseId = id, place = "Territory", location = "Sofia", nationality = "MAR", hasTravelDocument = false,
                         applicant = new { fullName = "Warm-up Applicant", dateOfBirth = "1995-03-01" },
                     }),
                     ($"/api/cases/{id}/start-screening", new { }),
                     ($"/api/cases/{id}/take-biometrics", new { eurodacReference = $"EURODAC-{id}" }),
                 })
        {
            using var response = await http.PostAsJsonAsync(new Uri(node.Address, path), body);
            Assert.True(response.IsSuccessStatusCode, $"warm-up {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Makes the scheduled expiry of each finished case's screening limit fall due 2 to 14 s from now.</summary>
    private async Task<List<string>> MoveExpiriesIntoOutageAsync(IReadOnlySet<string> cases)
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        var rows = new List<(Guid Id, string CaseId)>();
        await using (var select = new NpgsqlCommand(
            "select id, body from fastproc.wolverine_incoming_envelopes where status = 'Scheduled' " +
            "and position(convert_to(@timer, 'UTF8') in body) > 0 and position(convert_to('\"expiry\"', 'UTF8') in body) > 0", connection))
        {
            select.Parameters.AddWithValue("timer", Timer);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var body = Encoding.UTF8.GetString((byte[])reader[1]);
                if (cases.FirstOrDefault(c => body.Contains($"\"{c}\"", StringComparison.Ordinal)) is { } caseId)
                {
                    rows.Add((reader.GetGuid(0), caseId));
                }
            }
        }
        for (var i = 0; i < rows.Count; i++)
        {
            await using var move = new NpgsqlCommand(
                "update fastproc.wolverine_incoming_envelopes set execution_time = now() + @delay where id = @id", connection);
            move.Parameters.AddWithValue("delay", TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(12.0 * i / rows.Count));
            move.Parameters.AddWithValue("id", rows[i].Id);
            await move.ExecuteNonQueryAsync();
        }
        return rows.Select(r => r.CaseId).Distinct().ToList();
    }

    private async Task<Dictionary<string, List<JsonElement>>> StreamsAsync()
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select stream_id, type, data::text from fastproc.mt_events where tenant_id = @tenant order by seq_id", connection);
        command.Parameters.AddWithValue("tenant", Country);
        await using var reader = await command.ExecuteReaderAsync();
        var streams = new Dictionary<string, List<JsonElement>>();
        while (await reader.ReadAsync())
        {
            var data = JsonDocument.Parse(reader.GetString(2)).RootElement;
            var withType = JsonSerializer.SerializeToElement(new { type = reader.GetString(1), data });
            var id = reader.GetString(0);
            if (!streams.TryGetValue(id, out var events))
            {
                streams[id] = events = [];
            }
            events.Add(withType);
        }
        return streams;
    }

    private async Task<string> DeadLettersAsync()
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select message_type || ': ' || coalesce(exception_type, '') || ' ' || coalesce(left(exception_message, 200), '') from fastproc.wolverine_dead_letters", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return $"dead letters: {lines.Count}" + string.Concat(lines.Select(l => "\n  " + l));
    }

    private async Task<HashSet<string>> InboxAsync()
    {
        await using var connection = new NpgsqlConnection(Unpooled);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select id from fastproc.mt_doc_unitinboxitem", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private static string Type(JsonElement e) => e.GetProperty("type").GetString()!;

    private static JsonElement Property(JsonElement e, string name) =>
        e.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static int Count(Dictionary<string, List<JsonElement>> streams, string caseId, string type) =>
        streams.TryGetValue(caseId, out var events) ? events.Count(e => Type(e) == type) : 0;

    private static int Breaches(Dictionary<string, List<JsonElement>> streams, string caseId) =>
        streams.TryGetValue(caseId, out var events)
            ? events.Count(e => Type(e) == "deadline_breached" && Property(Property(Property(e, "data"), "step"), "timer").GetString() == Timer)
            : 0;

    /// <summary>The inbox item a unit message becomes: keyed by case, workflow, message and instant (UnitNotifiedHandler).</summary>
    private static string InboxId(JsonElement e)
    {
        var data = Property(e, "data");
        var at = Property(data, "at").GetDateTimeOffset();
        return $"{Property(data, "caseId").GetString()}/{Property(data, "workflow").GetString()}/" +
            $"{Property(Property(data, "step"), "message").GetString()}/{at.UtcTicks}";
    }
}
