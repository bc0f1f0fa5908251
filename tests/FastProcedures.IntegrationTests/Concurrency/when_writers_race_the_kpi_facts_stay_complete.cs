using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.IntegrationTests.Infrastructure;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace FastProcedures.IntegrationTests.Concurrency;

/// <summary>
/// Writers racing on the same cases roll back and retry, leaving gaps in the event sequence, while one slow writer
/// holds its transaction open longer than the daemon's stale-gap threshold and commits late inside such a gap. The
/// async KPI facts must then hold every committed event, exactly as a full rebuild of the projection does.
/// </summary>
public sealed class when_writers_race_the_kpi_facts_stay_complete(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static MakeApplication Application(string id) => new(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
        new PersonalDetails("Racing Applicant", null, null), "officer");

    [Fact]
    public async Task the_async_kpi_facts_equal_a_full_rebuild_after_racing_writers_and_a_late_commit()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var bus = _host.Services.GetRequiredService<IMessageBus>();
        // Schema objects exist before the slow writer holds its locks (as in production after the first command).
        await bus.InvokeForTenantAsync<CaseChange>("BG", Application("BG-2026-848888"));
        await bus.InvokeForTenantAsync<CaseChange>("BG", new StartScreening("BG-2026-848888", null, "officer"));
        await bus.InvokeForTenantAsync<CaseChange>("BG", new TakeBiometrics("BG-2026-848888", null, "EURODAC-0", "officer"));
        var start = new TaskCompletionSource();
        var ids = Enumerable.Range(0, 12).Select(i => $"BG-2026-84{i:0000}").ToList();

        // Every case opened twice at once (one refused as existing), then three unversioned commands per case at once.
        var racing = ids.SelectMany(id => new[] { id, id }).Select(id => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await bus.InvokeForTenantAsync<CaseChange>("BG", Application(id));
            }
            catch (CaseAlreadyExists)
            {
            }
            await Task.WhenAll(
                bus.InvokeForTenantAsync<CaseChange>("BG", new StartScreening(id, null, "officer-1")),
                bus.InvokeForTenantAsync<CaseChange>("BG", new StartScreening(id, null, "officer-2")),
                bus.InvokeForTenantAsync<CaseChange>("BG", new TakeBiometrics(id, null, $"EURODAC-{id}", "officer-3")));
        })).ToList();

        // The slow writer: reserves its sequence number first, commits after the others and after the stale threshold.
        const string late = "BG-2026-849999";
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var session = store.LightweightSession(Within(transaction)))
        {
            var now = DateTimeOffset.UtcNow;
            session.Events.StartStream<AsylumCase>(late, new ApplicationMade(late, "BG", ApplicationPlace.Border, "Lesovo", "SYR", false,
                PersonalData.Seal(session, late, new PersonalDetails("Late Applicant", null, null), now), "officer-late", now));
            await session.SaveChangesAsync();
        }
        start.SetResult();
        await Task.WhenAll(racing);
        await Task.Delay(TimeSpan.FromSeconds(6)); // twice the daemon's stale-gap threshold (3 s)
        await transaction.CommitAsync();

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var projected = await FactsAsync(store);
        Assert.Contains(projected, f => f.CaseId == late && f.Fact == "application-made");
        Assert.Equal(ids.Count + 2, projected.Count(f => f.Fact == "application-made"));

        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync<KpiFactProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);
        var rebuilt = await FactsAsync(store);
        Assert.Equal(rebuilt, projected);
    }

    private static SessionOptions Within(NpgsqlTransaction transaction)
    {
        var options = SessionOptions.ForTransaction(transaction);
        options.TenantId = "BG";
        return options;
    }

    private static async Task<List<(string Id, string CaseId, string Fact, string Detail)>> FactsAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession("BG");
        var facts = await session.Query<KpiFact>().ToListAsync();
        return facts.Select(f => (f.Id, f.CaseId, f.Fact, f.Detail)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
    }
}
