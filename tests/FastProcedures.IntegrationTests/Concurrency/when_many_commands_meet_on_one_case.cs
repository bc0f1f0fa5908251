using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.IntegrationTests.Audit;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace FastProcedures.IntegrationTests.Concurrency;

/// <summary>Commands that carry no version (the caller accepts whatever the case is now) sent all at once to one case.</summary>
public sealed class when_many_commands_meet_on_one_case(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly LogCollector _logs = new();
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await database.StartHostAsync(opts => opts.Services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task twenty_parallel_commands_without_a_version_all_succeed_and_no_error_is_logged()
    {
        const string id = "BG-2026-820001";
        const int commands = 20;
        var (_, _, lodged) = await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        var before = (await _host.StreamAsync("BG", id)).Count;

        var start = new TaskCompletionSource();
        var all = Enumerable.Range(0, commands).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var bus = _host.Services.GetRequiredService<IMessageBus>();
            return await bus.InvokeForTenantAsync<CaseChange>("BG",
                new ScheduleInterview(id, null, lodged.AddDays(7).AddMinutes(i), $"officer-{i}"));
        })).ToList();
        start.SetResult();
        var changes = await Task.WhenAll(all);

        Assert.All(changes, c => Assert.True(c.Changed));
        Assert.Equal(commands, changes.Select(c => c.Version).Distinct().Count());
        var stream = await _host.StreamAsync("BG", id);
        Assert.Equal(commands, stream.Count(e => e.Data is FastProcedures.Cases.Asylum.InterviewScheduled));
        Assert.True(stream.Count >= before + commands);
        Assert.True((await VerifyChain.RunAsync(database.ConnectionString, "BG")).Intact);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }
}
