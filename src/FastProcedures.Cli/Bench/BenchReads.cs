using System.Diagnostics;
using FastProcedures.Cases;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Queries.DeadlineBoard;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Queries.WorkQueues;
using FastProcedures.Cases.Procedures;
using JasperFx.Events.Projections;
using Marten;
using Marten.Linq;
using Npgsql;
using Weasel.Core;

namespace FastProcedures.Cli.Bench;

/// <summary>What <c>fastproc bench</c> measures after the write path, on the same database: the hash chain walk, the
/// rebuild of every projection from the events, and the deadline board and work queue pages at the open cases.</summary>
internal static class BenchReads
{
    public sealed record Figures(
        long Events, double VerifyEventsPerSecond, double ReplayEventsPerSecond, double ReplaySequentialEventsPerSecond,
        int OpenCases, int BoardRows, double BoardP50, double BoardP99, double QueueP50, double QueueP99, int Samples);

    private static readonly Type[] Projections =
        [typeof(AsylumCaseProjection), typeof(ReturnCaseProjection), typeof(CaseSummaryProjection), typeof(KpiFactProjection)];

    public static async Task<Figures> MeasureAsync(string connectionString, int openCases, CancellationToken cancellation)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.ConfigureFastProcedures();
            // Registered for its rebuild only; inline, because an async projection without the daemon makes Marten
            // print a warning on stdout, which holds the figures alone.
            options.Projections.Add(new KpiFactProjection(), ProjectionLifecycle.Inline);
        });
        var events = await ScalarAsync(connectionString, "select count(*) from fastproc.mt_events", cancellation);

        Cli.Progress("bench: verify-chain (every stream's hash chain from mt_events) ...");
        var clock = Stopwatch.StartNew();
        var chain = await VerifyChain.RunAsync(connectionString, null, null, cancellation);
        var verify = PerSecond(chain.Events, clock.Elapsed);
        if (!chain.Intact)
        {
            throw new InvalidOperationException($"bench: {chain.Broken.Count} broken hash chain link(s) in a fresh database.");
        }

        Cli.Progress($"bench: rebuilding {Projections.Length} projections from {events} events, one after the other ...");
        var daemon = await store.BuildProjectionDaemonAsync();
        clock.Restart();
        foreach (var projection in Projections)
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), cancellation);
        }
        var sequential = PerSecond(events, clock.Elapsed);
        Cli.Progress($"bench: rebuilding {Projections.Length} projections side by side ...");
        clock.Restart();
        await Task.WhenAll(Projections.Select(p => daemon.RebuildProjectionAsync(p, TimeSpan.FromMinutes(30), cancellation)));
        var parallel = PerSecond(events, clock.Elapsed);
        await daemon.StopAllAsync();

        var open = (int)await ScalarAsync(connectionString,
            "select count(*) from fastproc.mt_doc_casesummary where tenant_id = 'BG' and closed = false", cancellation);
        if (openCases > open)
        {
            await SeedAsync(store, openCases - open, cancellation);
            open = openCases;
        }
        await ExecuteAsync(connectionString, "vacuum analyze fastproc.mt_doc_casesummary", cancellation);

        await using var session = store.QuerySession("BG");
        var catalog = WorkflowCatalog.Load();
        var now = DateTimeOffset.UtcNow;
        var horizon = TimeSpan.FromDays(30);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellation);
            await using var indexes = new NpgsqlCommand(
                "select indexdef from pg_indexes where schemaname = 'fastproc' and tablename = 'mt_doc_casesummary' order by indexname", connection);
            await using var reader = await indexes.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                Cli.Progress("bench: " + reader.GetString(0));
            }
        }
        await ExplainAsync(session, "deadline board, first page",
            DeadlineBoard.InBoardOrder(DeadlineBoard.Cases(session, now + horizon, null, null)).Take(100), cancellation);
        await ExplainAsync(session, "deadline board, count of cases",
            DeadlineBoard.Cases(session, now + horizon, null, null), cancellation, FetchType.Count);
        await ExplainAsync(session, "work queue (asylum), first page",
            WorkQueue.InQueueOrder(WorkQueue.Open(session, "asylum").Where(c => c.Breached == false)).Take(100), cancellation);

        const int samples = 200;
        Cli.Progress($"bench: deadline board and work queue, first page of 100, {samples} times each at {open} open cases ...");
        var board = new List<double>();
        var queue = new List<double>();
        var rows = 0;
        var units = FastProcedures.Cases.Configuration.UnitQueues;
        for (var i = 0; i < samples; i++)
        {
            clock.Restart();
            var page = await DeadlineBoard.PageAsync(session, catalog, now, horizon, cancellation: cancellation);
            board.Add(clock.Elapsed.TotalMilliseconds);
            rows = page.Lines.Count;
            clock.Restart();
            await WorkQueue.PageAsync(session, units[i % units.Count], cancellation: cancellation);
            queue.Add(clock.Elapsed.TotalMilliseconds);
        }
        return new Figures(events, verify, parallel, sequential, open, rows,
            Percentile(board, 0.5), Percentile(board, 0.99), Percentile(queue, 0.5), Percentile(queue, 0.99), samples);
    }

    /// <summary>Open case summaries written straight to the table (no events): the board and queues at a size the
    /// write path would take hours to reach. BG gets <paramref name="count"/>, RO half as many, so the tenant
    /// condition has other tenants' rows to leave out.</summary>
    private static async Task SeedAsync(DocumentStore store, int count, CancellationToken cancellation)
    {
        const int batch = 50_000;
        var now = DateTimeOffset.UtcNow;
        var units = FastProcedures.Cases.Configuration.UnitQueues;
        foreach (var (tenant, total) in new[] { ("BG", count), ("RO", count / 2) })
        {
            for (var from = 0; from < total; from += batch)
            {
                Cli.Progress($"bench: seeding open cases for {tenant}: {from}/{total} ...");
                var summaries = Enumerable.Range(from, Math.Min(batch, total - from)).Select(i =>
                {
                    // Deadlines spread over twelve weeks ahead; one case in fifty has a breached one.
                    var breached = i % 50 == 0;
                    var expires = now.AddMinutes((i * 7919L) % (84 * 24 * 60)).ToUniversalTime();
                    var opened = now.AddDays(-(i % 90)).ToUniversalTime();
                    var deadline = new DeadlineView("border-procedure", "border-procedure-limit", breached ? now.AddMinutes(-((i * 7919L) % (30 * 24 * 60))) : expires,
                        null, breached ? DeadlineStatus.Breached : DeadlineStatus.Running, false, "APR Art. 51(2)", "P12W");
                    return new CaseSummary
                    {
                        Id = $"{tenant}-SEED-{i:D7}", Kind = "asylum", Country = tenant, Nationality = "MAR",
                        Procedure = "border-procedure", Stage = "examination", Unit = units[i % units.Count],
                        OpenedAt = opened, OpenedAtUtc = opened, LastChangedAt = opened,
                        Deadlines = [deadline], NextDeadlineTimer = breached ? null : deadline.Timer,
                        NextDeadlineAt = breached ? null : expires, BreachedDeadlines = breached ? 1 : 0, Breached = breached,
                        BoardAt = deadline.ExpiresAt.ToUniversalTime(),
                    };
                }).ToList();
                await store.BulkInsertAsync(tenant, summaries, BulkInsertMode.InsertsOnly, 5_000, cancellation);
            }
        }
    }

    private static async Task ExplainAsync(
        IQuerySession session, string name, IQueryable<CaseSummary> query, CancellationToken cancellation, FetchType fetch = FetchType.FetchMany)
    {
        var command = query.ToCommand(fetch);
        command.CommandText = "explain (analyze, buffers) " + command.CommandText;
        await using var connection = new NpgsqlConnection(session.Connection!.ConnectionString);
        await connection.OpenAsync(cancellation);
        command.Connection = connection;
        Cli.Progress($"bench: EXPLAIN {name}:");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            Cli.Progress("  " + reader.GetString(0));
        }
    }

    private static double PerSecond(long count, TimeSpan elapsed) => Math.Round(count / elapsed.TotalSeconds, 1);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : Math.Round(sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)], 2);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation));
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
