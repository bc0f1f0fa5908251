using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return;
using FastProcedures.Cli.Audit;
using JasperFx;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Spectre.Console.Cli;
using Weasel.Core;
using Wolverine;

namespace FastProcedures.Cli.Bench;

/// <summary>
/// <c>fastproc bench</c>: drives N cases along the pilot path through the real runtime (Wolverine, engine, Marten,
/// outbox, scheduled deadlines) on a fresh database with C concurrent clients, until the messages the commands sent
/// between units are handled too (the joint decision opens the linked return case), then writes the same events,
/// commit by commit, again as two baselines in the same run: raw Marten appends (one transaction per commit) and the
/// minimal correct command (<c>FetchForWriting</c> + append + commit on the application's store, no engine, no
/// Wolverine). The cases run in rounds, each the runtime and then both baselines, so drift in the machine's speed
/// weighs on the three alike.
/// </summary>
internal sealed class BenchCommand : AsyncCommand<BenchCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--cases <N>")]
        [Description("How many cases to drive along the pilot path (8 commands each). Default 2000.")]
        public int Cases { get; init; } = 2000;

        [CommandOption("--clients <C>")]
        [Description("Concurrent clients, each sending its cases' commands back to back. Default 8.")]
        public int Clients { get; init; } = 8;

        [CommandOption("--open-cases <M>")]
        [Description("Open cases per country when the deadline board and work queue are timed: synthetic case summaries are bulk-inserted beside the driven cases up to M (e.g. 1000000). Default: the driven cases only.")]
        public int OpenCases { get; init; }

        [CommandOption("--warmup <W>")]
        [Description("Cases driven through the runtime before the measurement, not measured: handler code generation and the JIT's tiering settle over the first ten thousand commands or so, as in a server that has run a while. Default 1500.")]
        public int Warmup { get; init; } = 1500;

        [CommandOption("--rounds <R>")]
        [Description("The measured cases run in R rounds; each round drives its cases through the runtime, then writes the same commits as both baselines, so a machine that slows down or speeds up during the run weighs on all three alike. Default 5 (at most one round per case).")]
        public int Rounds { get; init; } = 5;

        [CommandOption("--json")]
        [Description("Print the figures as one JSON object (alone on stdout).")]
        public bool Json { get; init; }
    }

    /// <summary>One commit of the runtime (a command, or a handler of a message between units): the stream, its kind of
    /// case, whether it started the stream, the events appended.</summary>
    private sealed record Written(string CaseId, Type Kind, bool Starts, IReadOnlyList<object> Events);

    private sealed record Phase(TimeSpan Elapsed, int Commands, int Events, List<double> LatenciesMs, long RoundTrips, int Retries)
    {
        /// <summary>Events the commands returned; the rest of <see cref="Events"/> were written by the handlers of the
        /// messages they sent.</summary>
        public int CommandEvents { get; init; } = Events;

        /// <summary>How long the async projections took, after the phase, to apply what they had not yet applied.</summary>
        public TimeSpan CatchUp { get; init; }

        /// <summary>Part of <see cref="Elapsed"/>: from the last command's reply until the messages between units were
        /// all handled.</summary>
        public TimeSpan Drain { get; init; }

        /// <summary>CPU time the phase used (the machine's and this process's).</summary>
        public CpuTime Cpu { get; init; }

        /// <summary>CPU time the async projections' catch-up after the phase used.</summary>
        public CpuTime CatchUpCpu { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Cases < 1)
        {
            return Cli.Fail($"--cases: {settings.Cases} is not a positive number.", 2);
        }
        if (settings.Warmup < 1)
        {
            return Cli.Fail($"--warmup: {settings.Warmup} is not a positive number.", 2);
        }
        if (settings.OpenCases < 0)
        {
            return Cli.Fail($"--open-cases: {settings.OpenCases} is not a positive number.", 2);
        }
        if (settings.Rounds < 1)
        {
            return Cli.Fail($"--rounds: {settings.Rounds} is not a positive number.", 2);
        }
        if (settings.Clients < 1 || settings.Clients > 256)
        {
            return Cli.Fail($"--clients: {settings.Clients} is not between 1 and 256.", 2);
        }
        return await Cli.Guard(async () =>
        {
            var server = await AuditVerbs.ConnectionStringAsync(cancellationToken);
            var database = $"fastproc_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
            await ExecuteAsync(server, $"create database {database}", cancellationToken);
            Cli.Progress($"bench: fresh database {database}; {settings.Cases} cases x 8 commands, {settings.Clients} client(s).");
            try
            {
                var (runtime, raw, minimal) = await WritePathAsync(connectionString, settings, cancellationToken);
                var reads = await BenchReads.MeasureAsync(connectionString, settings.OpenCases, cancellationToken);
                Report(settings, runtime, raw, minimal, reads);
                return 0;
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"drop database if exists {database} with (force)", CancellationToken.None);
            }
        });
    }

    private static async Task<(Phase Runtime, Phase Raw, Phase Minimal)> WritePathAsync(
        string connectionString, Settings settings, CancellationToken cancellation)
    {
        var retriesLogged = new ConcurrencyLogCounter();
        using var host = Microsoft.Extensions.Hosting.Host.CreateDefaultBuilder()
            .ConfigureLogging(logging =>
            {
                FastProcedures.Host.FastProceduresHost.ConfigureQuietLogging(logging);
                logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
                // Logs are progress, not results: stdout holds the figures alone.
                logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(
                    o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                logging.AddProvider(retriesLogged);
            })
            .UseWolverine(opts => FastProcedures.Host.Messaging.UseFastProcedures(opts, new CasesSettings(connectionString)
            {
                DurabilityMode = DurabilityMode.Solo,
                ApplicationAssembly = typeof(CasesSettings).Assembly,
            }))
            .Build();
        await host.StartAsync(cancellation);
        var bus = host.Services.GetRequiredService<IMessageBus>();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        // Cases first, not measured: Wolverine generates and compiles each handler's code on its first message, and
        // the JIT tiers the hot paths up over the first thousands of commands (the baselines that follow share them).
        Cli.Progress($"bench: warming up ({settings.Warmup} cases, not measured) ...");
        await DriveAsync(settings.Warmup, settings.Clients, async (i, _) =>
        {
            foreach (var command in PilotPath($"BG-2026-W{i:D5}", i))
            {
                await bus.InvokeForTenantAsync<CaseChange>("BG", command, cancellation, TimeSpan.FromMinutes(1));
            }
            return (8, 0, 0);
        }, cancellation);
        await DrainAsync(connectionString, cancellation);
        await ProjectedAsync(connectionString, cancellation);
        var compiled = await SettleTieringAsync(cancellation);
        Cli.Progress($"bench: tiered compilation settled ({compiled} methods compiled after the warm-up's last command).");

        await using var rawStore = RawStore(connectionString);
        await using var minimalStore = MinimalStore(connectionString);
        await rawStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await minimalStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var rounds = Math.Min(settings.Rounds, settings.Cases);
        Phase? runtime = null, raw = null, minimal = null;
        var commandEvents = 0;
        var catchUpTotal = TimeSpan.Zero;
        var drainTotal = TimeSpan.Zero;
        var catchUpCpu = default(CpuTime);
        for (var round = 0; round < rounds; round++)
        {
            var first = settings.Cases * round / rounds;
            var count = settings.Cases * (round + 1) / rounds - first;
            var before = await LastSequenceAsync(connectionString, cancellation);
            Cli.Progress($"bench: round {round + 1}/{rounds}: runtime (Wolverine, engine, Marten, outbox, scheduled deadlines, messages between units), cases {first + 1}-{first + count} ...");
            var cpu = CpuTime.Now();
            var clock = Stopwatch.StartNew();
            var phase = await DriveAsync(count, settings.Clients, async (i, time) =>
            {
                var id = $"BG-2026-{first + i:D6}";
                var events = 0;
                var retries = 0;
                foreach (var command in PilotPath(id, first + i))
                {
                    while (true)
                    {
                        try
                        {
                            CaseChange? change = null;
                            await time(async () => change = await bus.InvokeForTenantAsync<CaseChange>("BG", command, cancellation, TimeSpan.FromMinutes(1)));
                            events += change!.Events.Count;
                            break;
                        }
                        catch (Exception e) when (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
                        {
                            retries++;
                        }
                    }
                }
                return (8, events, retries);
            }, cancellation);
            // The phase ends when the messages the commands sent to other units are handled too: their writes are part
            // of what the runtime does per case, and the baselines write them as well.
            var commandsDone = clock.Elapsed;
            await DrainAsync(connectionString, cancellation);
            clock.Stop();
            drainTotal += clock.Elapsed - commandsDone;
            var afterPhase = CpuTime.Now();
            // The async daemon (KPI facts) ran beside the commands; what it has still to apply is applied now, timed
            // apart (projection_catch_up_s), so it neither counts as the write path's time nor writes beside the baselines.
            var catchUp = Stopwatch.StartNew();
            await ProjectedAsync(connectionString, cancellation);
            catchUpTotal += catchUp.Elapsed;
            catchUpCpu += CpuTime.Now() - afterPhase;
            var written = await CommitsAfterAsync(store, connectionString, before, cancellation);
            commandEvents += phase.Events;
            runtime = Add(runtime, phase with { Elapsed = clock.Elapsed, Events = written.Sum(w => w.Events.Count), Cpu = afterPhase - cpu });
            raw = Add(raw, await BaselineAsync("raw Marten appends", written, settings.Clients, rawStore, RawAsync, cancellation));
            minimal = Add(minimal, await BaselineAsync("FetchForWriting + append + commit", written, settings.Clients,
                minimalStore, MinimalAsync, cancellation));
        }
        await host.StopAsync(cancellation);
        return (runtime! with
            {
                Retries = runtime!.Retries + retriesLogged.Count, CommandEvents = commandEvents, CatchUp = catchUpTotal,
                Drain = drainTotal,
                CatchUpCpu = catchUpCpu,
            },
            raw!, minimal!);

        static Phase Add(Phase? sum, Phase round) => sum is null ? round : new Phase(
            sum.Elapsed + round.Elapsed, sum.Commands + round.Commands, sum.Events + round.Events,
            [.. sum.LatenciesMs, .. round.LatenciesMs], sum.RoundTrips + round.RoundTrips, sum.Retries + round.Retries)
        {
            Cpu = sum.Cpu + round.Cpu,
        };
    }

    /// <summary>
    /// Waits until the JIT has compiled every method the warm-up queued for its optimised tier (no method compiled for a
    /// second; at most 30 s). The JIT's background thread competes with the load for the same cores, so without
    /// this wait the runtime's phase pays for thousands of compilations of code (Marten, Npgsql, System.Text.Json) that
    /// the baselines, which run afterwards in the same process, find already compiled.
    /// </summary>
    private static async Task<long> SettleTieringAsync(CancellationToken cancellation)
    {
        var start = System.Runtime.JitInfo.GetCompiledMethodCount();
        var last = start;
        var quiet = TimeSpan.Zero;
        var waited = Stopwatch.StartNew();
        while (quiet < TimeSpan.FromSeconds(1) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + TimeSpan.FromMilliseconds(100) : TimeSpan.Zero;
            last = now;
        }
        return last - start;
    }

    /// <summary>Waits until no message between units is waiting or being handled (scheduled deadlines lie weeks ahead).
    /// One empty reading is enough: a command's messages are stored with its events before it replies, and a handler's
    /// own messages (outbox) before the message it handled is settled, so the count cannot touch zero while a cascade
    /// is still under way.</summary>
    private static async Task DrainAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var find = new NpgsqlCommand(
            "select table_schema from information_schema.tables where table_name = 'wolverine_incoming_envelopes'", connection);
        var schema = (string)(await find.ExecuteScalarAsync(cancellation))!;
        await using var pending = new NpgsqlCommand(
            $"select count(*) from {schema}.wolverine_incoming_envelopes where status = 'Incoming'", connection);
        while ((long)(await pending.ExecuteScalarAsync(cancellation))! > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellation);
        }
    }

    /// <summary>Waits until the async projections (the KPI facts) have applied every stored event, at most a minute.</summary>
    private static async Task ProjectedAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        // The projections' shards only: the daemon also keeps its high-water mark's rows in this table, and one of them
        // (HighWaterStuckGap) stays at 0 while no gap is stuck.
        await using var behind = new NpgsqlCommand("""
            select count(*) from fastproc.mt_event_progression
            where name not like 'HighWater%' and last_seq_id < (select coalesce(max(seq_id), 0) from fastproc.mt_events)
            """, connection);
        var waited = Stopwatch.StartNew();
        while ((long)(await behind.ExecuteScalarAsync(cancellation))! > 0)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                await using var state = new NpgsqlCommand("""
                    select string_agg(name || ' at ' || last_seq_id, ', ' order by name)
                        || '; last event ' || (select coalesce(max(seq_id), 0) from fastproc.mt_events)
                    from fastproc.mt_event_progression
                    """, connection);
                Cli.Progress($"bench: the async projections are still behind after a minute ({await state.ExecuteScalarAsync(cancellation)}); going on.");
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellation);
        }
    }

    private static async Task<long> LastSequenceAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var last = new NpgsqlCommand("select coalesce(max(seq_id), 0) from fastproc.mt_events", connection);
        return (long)(await last.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>Every commit the phase made, in commit order: the events after <paramref name="after"/>, grouped by the
    /// transaction that inserted them (PostgreSQL's <c>xmin</c>) and their stream.</summary>
    private static async Task<IReadOnlyList<Written>> CommitsAfterAsync(
        IDocumentStore store, string connectionString, long after, CancellationToken cancellation)
    {
        var rows = new List<(long Sequence, string Stream, string Transaction, string Kind)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var read = new NpgsqlCommand("""
                select e.seq_id, e.stream_id, e.xmin::text, s.type
                from fastproc.mt_events e join fastproc.mt_streams s on s.id = e.stream_id and s.tenant_id = e.tenant_id
                where e.seq_id > $1 order by e.seq_id
                """, connection) { Parameters = { new NpgsqlParameter { Value = after } } };
            await using var reader = await read.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        await using var session = store.QuerySession("BG");
        var events = (await session.Events.QueryAllRawEvents().Where(e => e.Sequence > after).ToListAsync(cancellation))
            .ToDictionary(e => e.Sequence);
        return rows
            .GroupBy(r => (r.Transaction, r.Stream))
            .Select(g => g.OrderBy(r => r.Sequence).ToList())
            .OrderBy(g => g[0].Sequence)
            .Select(g => new Written(g[0].Stream, g[0].Kind == "return_case" ? typeof(ReturnCase) : typeof(AsylumCase),
                events[g[0].Sequence].Version == 1, g.Select(r => events[r.Sequence].Data).ToList()))
            .ToList();
    }

    /// <summary>The commands of the 2023 pilot path up to the joint asylum and return decision.</summary>
    private static IEnumerable<object> PilotPath(string id, int i)
    {
        yield return new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo border crossing", "MAR", false,
            new PersonalDetails("Bench Applicant", new DateOnly(1995, 3, 1), null), "bench-reception");
        yield return new StartScreening(id, null, "bench-reception");
        yield return new TakeBiometrics(id, null, $"EURODAC-BG-{i}", "bench-reception");
        yield return new CompleteScreening(id, null, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, "bench-reception");
        yield return new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "bench-reception");
        yield return new LodgeApplication(id, null, "bench-asylum");
        yield return new HoldInterview(id, null, "bench-asylum");
        yield return new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Nationality with an EU-wide recognition rate below 20 %."), "APR Art. 39",
            "bench-asylum", new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection."));
    }

    private static DocumentStore RawStore(string connectionString) => DocumentStore.For(store =>
    {
        store.Connection(Connections.WithPreparedStatements(connectionString));
        store.DatabaseSchemaName = "bench_raw";
        store.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        store.Events.StreamIdentity = StreamIdentity.AsString;
        store.Events.TenancyStyle = JasperFx.MultiTenancy.TenancyStyle.Conjoined;
        store.Events.MetadataConfig.HeadersEnabled = true;
        store.UseSystemTextJsonForSerialization(EnumStorage.AsString);
    });

    /// <summary>The application's store (inline snapshots and case summary) in its own schema, without the hash chain
    /// listener: what a minimal correct command costs on the same documents.</summary>
    private static DocumentStore MinimalStore(string connectionString) => DocumentStore.For(store =>
    {
        store.Connection(Connections.WithPreparedStatements(connectionString));
        store.ConfigureFastProcedures();
        store.Listeners.Clear();
        store.DatabaseSchemaName = "bench_min";
    });

    private static async Task RawAsync(IDocumentStore store, Written command, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession("BG");
        if (command.Starts)
        {
            session.Events.StartStream(command.Kind, command.CaseId, command.Events.ToArray());
        }
        else
        {
            session.Events.Append(command.CaseId, command.Events.ToArray());
        }
        await session.SaveChangesAsync(cancellation);
    }

    private static async Task MinimalAsync(IDocumentStore store, Written command, CancellationToken cancellation)
    {
        await using var session = store.LightweightSession("BG");
        if (command.Kind == typeof(ReturnCase))
        {
            (await session.Events.FetchForWriting<ReturnCase>(command.CaseId, cancellation)).AppendMany(command.Events);
        }
        else
        {
            (await session.Events.FetchForWriting<AsylumCase>(command.CaseId, cancellation)).AppendMany(command.Events);
        }
        await session.SaveChangesAsync(cancellation);
    }

    private static async Task<Phase> BaselineAsync(
        string name, IReadOnlyList<Written> written, int clients, DocumentStore store,
        Func<IDocumentStore, Written, CancellationToken, Task> write, CancellationToken cancellation)
    {
        var cases = written.Where(w => w.Events.Count > 0).GroupBy(w => w.CaseId).Select(g => g.ToList()).ToList();
        Cli.Progress($"bench: baseline, {name} ...");
        var cpu = CpuTime.Now();
        var phase = await DriveAsync(cases.Count, clients, async (i, count) =>
        {
            var events = 0;
            foreach (var command in cases[i - 1])
            {
                await count(() => write(store, command, cancellation));
                events += command.Events.Count;
            }
            return (cases[i - 1].Count, events, 0);
        }, cancellation);
        return phase with { Cpu = CpuTime.Now() - cpu };
    }

    /// <summary>Cases 1..N shared by C clients; each command timed and its PostgreSQL round trips counted (Npgsql
    /// activities started inside it, so background work such as the async daemon and cascaded messages is left out, and so
    /// is the pool opening a connection).</summary>
    private static readonly AsyncLocal<bool> InCommand = new();

    private static async Task<Phase> DriveAsync(
        int cases, int clients, Func<int, Func<Func<Task>, Task>, Task<(int Commands, int Events, int Retries)>> runCase,
        CancellationToken cancellation)
    {
        long roundTrips = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity =>
            {
                // The pool opening a physical connection is traced as "CONNECT <database>": not a statement of the command.
                if (InCommand.Value && !activity.OperationName.StartsWith("CONNECT ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref roundTrips);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var latencies = new ConcurrentBag<double>();
        var next = 0;
        var done = 0;
        int commands = 0, events = 0, retries = 0;
        async Task Count(Func<Task> command)
        {
            var started = Stopwatch.GetTimestamp();
            InCommand.Value = true;
            try
            {
                await command();
            }
            finally
            {
                InCommand.Value = false;
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) <= cases)
            {
                cancellation.ThrowIfCancellationRequested();
                var (c, e, r) = await runCase(i, Count);
                Interlocked.Add(ref commands, c);
                Interlocked.Add(ref events, e);
                Interlocked.Add(ref retries, r);
                var finished = Interlocked.Increment(ref done);
                if (finished % Math.Max(1, cases / 10) == 0)
                {
                    Cli.Progress($"bench:   {finished}/{cases} cases, {clock.Elapsed.TotalSeconds:F1} s");
                }
            }
        }, cancellation)));
        clock.Stop();
        return new Phase(clock.Elapsed, commands, events, latencies.ToList(), roundTrips, retries);
    }

    private static void Report(Settings settings, Phase runtime, Phase raw, Phase minimal, BenchReads.Figures reads)
    {
        static double PerSecond(int count, TimeSpan elapsed) => Math.Round(count / elapsed.TotalSeconds, 1);
        static double Percentile(List<double> values, double p)
        {
            var sorted = values.Order().ToList();
            return sorted.Count == 0 ? 0 : Math.Round(sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)], 2);
        }
        var eventsPerSecond = PerSecond(runtime.Events, runtime.Elapsed);
        var rawPerSecond = PerSecond(raw.Events, raw.Elapsed);
        var minimalPerSecond = PerSecond(minimal.Events, minimal.Elapsed);
        // CPU per commit: every phase writes the same commits (raw.Commands of them).
        // (null where the machine's CPU time cannot be read: /proc/stat is Linux's.)
        double? PerCommit(double ms) => double.IsFinite(ms) ? Math.Round(ms / raw.Commands, 3) : null;
        var runtimeCpu = runtime.Cpu + runtime.CatchUpCpu;
        var figures = new Dictionary<string, object?>
        {
            ["cases"] = settings.Cases,
            ["clients"] = settings.Clients,
            ["commands"] = runtime.Commands,
            ["events"] = runtime.Events,
            ["command_events"] = runtime.CommandEvents,
            ["commits"] = raw.Commands,
            ["commands_per_s"] = PerSecond(runtime.Commands, runtime.Elapsed),
            ["p50_ms"] = Percentile(runtime.LatenciesMs, 0.50),
            ["p99_ms"] = Percentile(runtime.LatenciesMs, 0.99),
            ["events_per_s"] = eventsPerSecond,
            ["baseline_events_per_s"] = rawPerSecond,
            ["ratio_to_baseline"] = Math.Round(eventsPerSecond / rawPerSecond, 3),
            ["minimal_events_per_s"] = minimalPerSecond,
            ["ratio_to_minimal"] = Math.Round(eventsPerSecond / minimalPerSecond, 3),
            ["roundtrips_per_command"] = Math.Round((double)runtime.RoundTrips / runtime.Commands, 2),
            ["baseline_roundtrips_per_command"] = Math.Round((double)raw.RoundTrips / raw.Commands, 2),
            ["minimal_roundtrips_per_command"] = Math.Round((double)minimal.RoundTrips / minimal.Commands, 2),
            ["concurrency_retries"] = runtime.Retries,
            ["drain_s"] = Math.Round(runtime.Drain.TotalSeconds, 2),
            ["projection_catch_up_s"] = Math.Round(runtime.CatchUp.TotalSeconds, 2),
            ["cpu_ms_per_commit"] = PerCommit(runtime.Cpu.MachineMs),
            ["process_cpu_ms_per_commit"] = PerCommit(runtime.Cpu.ProcessMs),
            ["catch_up_cpu_ms_per_commit"] = PerCommit(runtime.CatchUpCpu.MachineMs),
            ["minimal_cpu_ms_per_commit"] = PerCommit(minimal.Cpu.MachineMs),
            ["minimal_process_cpu_ms_per_commit"] = PerCommit(minimal.Cpu.ProcessMs),
            ["baseline_cpu_ms_per_commit"] = PerCommit(raw.Cpu.MachineMs),
            ["cpu_ratio_to_minimal"] = PerCommit(minimal.Cpu.MachineMs) / PerCommit(runtimeCpu.MachineMs) is { } ratio ? Math.Round(ratio, 3) : null,
            ["replay_events_per_s"] = reads.ReplayEventsPerSecond,
            ["replay_sequential_events_per_s"] = reads.ReplaySequentialEventsPerSecond,
            ["replay_stored_events"] = reads.Events,
            ["verify_chain_events_per_s"] = reads.VerifyEventsPerSecond,
            ["open_cases"] = reads.OpenCases,
            ["deadline_query_p50_ms"] = reads.BoardP50,
            ["deadline_query_p99_ms"] = reads.BoardP99,
            ["deadline_query_rows"] = reads.BoardRows,
            ["work_queue_p50_ms"] = reads.QueueP50,
            ["work_queue_p99_ms"] = reads.QueueP99,
        };
        if (settings.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(figures));
            return;
        }
        foreach (var (name, value) in figures)
        {
            Console.WriteLine($"{name,-32} {value}");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Counts concurrency conflicts Wolverine logged while retrying a handler (information, not failures).</summary>
    private sealed class ConcurrencyLogCounter : ILoggerProvider
    {
        private int _count;

        public int Count => _count;

        public ILogger CreateLogger(string categoryName) => new Counter(this);

        public void Dispose()
        {
        }

        private sealed class Counter(ConcurrencyLogCounter owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (exception is ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
                {
                    Interlocked.Increment(ref owner._count);
                }
            }
        }
    }
}
