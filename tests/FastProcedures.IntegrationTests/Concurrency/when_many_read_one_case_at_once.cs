using Alba;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.IntegrationTests.Audit;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Concurrency;

/// <summary>The access log under parallel reads: each read is its own session and connection, as separate
/// processes would be, all appending to the one <c>{caseId}/access</c> stream without a version.</summary>
public sealed class when_many_read_one_case_at_once(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task every_read_is_recorded_and_the_access_stream_keeps_an_intact_chain()
    {
        const string id = "BG-2026-810001";
        const int reads = 100;
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));

        var start = new TaskCompletionSource();
        var all = Enumerable.Range(0, reads).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await using var session = _host.Session("BG");
            return await CaseAsOf.LoadAsync(session, id, AsOf.Latest, new Reader($"auditor-{i}", "parallel audit"),
                DateTimeOffset.UtcNow, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(all);

        Assert.All(results, Assert.NotNull);
        await using var query = _host.Session("BG");
        var logged = await CaseAccessLog.ReadsAsync(query, id, CancellationToken.None);
        Assert.Equal(reads, logged.Count);
        Assert.Equal(reads, logged.Select(r => r.ReadBy).Distinct().Count());
        var chain = await VerifyChain.RunAsync(database.ConnectionString, "BG");
        Assert.True(chain.Intact, string.Join("\n", chain.Broken.Take(10).Select(b => b.ToString())));
    }
}
