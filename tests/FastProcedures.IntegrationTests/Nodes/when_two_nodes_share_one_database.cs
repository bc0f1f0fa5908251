using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Runtime;

namespace FastProcedures.IntegrationTests.Nodes;

/// <summary>
/// Two identical nodes, as <c>serve</c> runs them (Balanced durability), on one PostgreSQL: Wolverine's leader spreads
/// its agents (the durability agent that fires scheduled deadlines, the async KPI projection) so that each runs on
/// exactly one node, both nodes take commands, a deadline that falls due fires once, not once per node, and when a
/// node stops the other takes its agents over.
/// </summary>
public sealed class when_two_nodes_share_one_database(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _first = null!;
    private IAlbaHost _second = null!;

    public async Task InitializeAsync()
    {
        _first = await database.StartHostAsync(Configure);
        _second = await database.StartHostAsync(Configure);
    }

    private static void Configure(WolverineOptions opts)
    {
        Nodes.Balanced(opts);
        Nodes.CountFirings(opts);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _second, _first }.Where(h => h != _stopped))
        {
            await host.DisposeAsync();
        }
    }

    private static MakeApplication Application(string id) => new(id, "RO", ApplicationPlace.Territory, "Bucharest", "PAK", false,
        new PersonalDetails("Node Applicant", null, null), "officer");

    private static IReadOnlyList<Uri> Agents(IAlbaHost host) => host.Services.GetRequiredService<IWolverineRuntime>().Agents.AllRunningAgentUris();

    [Fact]
    public async Task each_agent_runs_on_one_node_a_due_deadline_fires_once_and_the_agents_move_when_their_node_stops()
    {
        // Both nodes take commands.
        var cases = Enumerable.Range(0, 6).Select(i => $"RO-2026-86{i:0000}").ToList();
        var changes = await Task.WhenAll(cases.Select((id, i) => (i % 2 == 0 ? _first : _second).Services
            .GetRequiredService<IMessageBus>().InvokeForTenantAsync<CaseChange>("RO", Application(id))));
        Assert.All(changes, c => Assert.True(c.Changed));

        // The leader assigns the agents: the durability agent (scheduled deadlines, outbox recovery) and the async
        // KPI projection each run on exactly one of the two nodes.
        var (first, second) = await AgentsAsync(_first, _second);
        var all = first.Concat(second).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        await ExpectKpiFactsAsync(_second, cases);
        await ExpectOneFiringAsync(cases[0]);

        // The node carrying the agents stops: the other takes them over and carries on alone.
        var (leaving, staying) = first.Count >= second.Count ? (_first, _second) : (_second, _first);
        await leaving.StopAsync();
        await leaving.DisposeAsync();
        _stopped = leaving;
        var (taken, _) = await AgentsAsync(staying, null);
        Assert.Equal(all.Select(u => u.ToString()).Order(), taken.Select(u => u.ToString()).Order());
        var later = Enumerable.Range(6, 3).Select(i => $"RO-2026-86{i:0000}").ToList();
        foreach (var id in later)
        {
            await staying.Services.GetRequiredService<IMessageBus>().InvokeForTenantAsync<CaseChange>("RO", Application(id));
        }
        await ExpectKpiFactsAsync(staying, cases.Concat(later).ToList());
        await ExpectOneFiringAsync(later[0], staying);
    }

    private IAlbaHost? _stopped;

    /// <summary>Waits until every agent runs; the second host may be null (one node left).</summary>
    private async Task<(IReadOnlyList<Uri>, IReadOnlyList<Uri>)> AgentsAsync(IAlbaHost one, IAlbaHost? other)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            var (a, b) = (Agents(one), other is null ? [] : Agents(other));
            var all = a.Concat(b).ToList();
            if (all.Any(u => u.Scheme == "event-subscriptions") && all.Any(u => u.Scheme == "wolverinedb"))
            {
                return (a, b);
            }
            Assert.True(DateTime.UtcNow < until, $"agents not all running: [{string.Join(", ", all)}]");
            await Task.Delay(250);
        }
    }

    private static async Task ExpectKpiFactsAsync(IAlbaHost host, IReadOnlyList<string> cases)
    {
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var query = store.QuerySession("RO");
        var facts = await query.Query<KpiFact>().Where(f => f.Fact == "application-made").ToListAsync();
        Assert.Equal(cases.Order(), facts.Select(f => f.CaseId).Where(cases.Contains).Order());
    }

    /// <summary>72 hours pass for the scheduler: the case's Eurodac expiry is due now; it fires once on one node.</summary>
    private async Task ExpectOneFiringAsync(string id, IAlbaHost? host = null)
    {
        host ??= _first;
        var eurodac = (await host.StreamAsync("RO", id)).Steps().OfType<DeadlineStarted>().Single(d => d.Step.Timer == "eurodac-biometrics");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var passTime = new NpgsqlCommand(
                "update fastproc.wolverine_incoming_envelopes set execution_time = now() where status = 'Scheduled' " +
                "and position(convert_to(@case, 'UTF8') in body) > 0 and position(convert_to('\"expiry\"', 'UTF8') in body) > 0 " +
                "and position(convert_to('eurodac-biometrics', 'UTF8') in body) > 0", connection);
            passTime.Parameters.AddWithValue("case", id);
            Assert.Equal(1, await passTime.ExecuteNonQueryAsync());
        }

        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !(await host.StreamAsync("RO", id)).Steps().OfType<DeadlineBreached>().Any())
        {
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(3)); // several polling rounds of every node
        var breaches = (await host.StreamAsync("RO", id)).Steps().OfType<DeadlineBreached>().Where(b => b.Step.Timer == "eurodac-biometrics").ToList();
        Assert.Equal(eurodac.Step.Generation, Assert.Single(breaches).Step.Generation);
        Assert.Single(FiringCounter.Firings, f => f.Due.CaseId == id && f.Due.Kind == "expiry");
    }
}
