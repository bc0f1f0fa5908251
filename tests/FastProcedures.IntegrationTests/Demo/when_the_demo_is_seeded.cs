using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.ReplayVerification;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Host.Demo;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Audit;
using FastProcedures.IntegrationTests.Infrastructure;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Demo;

/// <summary>The demo data is what a new user judges the product by: every case tells its story in time order,
/// replays to its recorded workflow events, and carries the warnings and breaches already due.</summary>
public sealed class when_the_demo_is_seeded(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly DemoClock _clock = new();
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync(opts =>
    {
        opts.Services.AddSingleton(_clock);
        opts.Services.AddSingleton<TimeProvider>(_clock);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task every_demo_case_is_in_time_order_replays_verified_and_due_warnings_are_delivered()
    {
        var seeder = new DemoSeeder(_clock);
        await seeder.SeedAsync(_host.Services, CancellationToken.None);
        var catalog = _host.Services.GetRequiredService<WorkflowCatalog>();
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var problems = new List<string>();
        var counts = new Dictionary<string, int>();
        var warned = 0;
        foreach (var country in new[] { "BG", "RO" })
        {
            await using var session = store.LightweightSession(country);
            var ids = (await session.Events.QueryAllRawEvents().Select(e => e.StreamKey!).Distinct().ToListAsync())
                .Where(id => id.Contains("-2026-9") && !id.EndsWith("/access", StringComparison.Ordinal)).Order().ToList();
            Assert.True(ids.Count >= 10, $"{country}: {ids.Count} demo streams");
            foreach (var id in ids)
            {
                var events = await session.Events.FetchStreamAsync(id);
                counts[id] = events.Count;
                warned += events.Count(e => e.Data is DeadlineWarned);
                var times = events.Select(e => (Type: e.EventTypeName, At: EventTime.Of(e.Data))).ToList();
                for (var i = 1; i < times.Count; i++)
                {
                    if (times[i].At < times[i - 1].At)
                    {
                        problems.Add($"{id}: {times[i].Type} at {times[i].At:O} after {times[i - 1].Type} at {times[i - 1].At:O}");
                    }
                }
                var report = await VerifyReplay.LoadAsync(session, catalog, id, new Reader("demo-test", "demo check"), DateTimeOffset.UtcNow,
                    CancellationToken.None);
                if (report is not { Verified: true })
                {
                    problems.Add($"{id}: replay " + (report is null ? "found no case" :
                        string.Join("; ", report.Divergences.Select(d => d.ToString()).Concat(report.PinProblems))));
                }
            }
            // The return case opened by a rejection opens after the rejection, at its instant.
            var rejected = await session.Events.FetchStreamAsync($"{country}-2026-900005");
            var opened = await session.Events.FetchStreamAsync($"{country}-2026-900005-R");
            Assert.True(EventTime.Of(opened[0].Data) >= rejected.Select(e => e.Data).OfType<DecisionIssued>().Single().DecidedAtOrNull());
            // "Appeal window open": nothing of that case is breached.
            Assert.DoesNotContain(rejected, e => e.Data is DeadlineBreached);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(warned > 0, "no DeadlineWarned in the demo data");
        Assert.True((await VerifyChain.RunAsync(database.ConnectionString, null)).Intact);

        // Seeding again (serve --demo after a restart) records nothing new in any case.
        await seeder.SeedAsync(_host.Services, CancellationToken.None);
        foreach (var (id, count) in counts)
        {
            Assert.Equal(count, (await _host.StreamAsync(id[..2], id)).Count);
        }
    }
}

internal static class DemoEvents
{
    public static DateTimeOffset? DecidedAtOrNull(this DecisionIssued decision) => EventTime.Of(decision);
}
