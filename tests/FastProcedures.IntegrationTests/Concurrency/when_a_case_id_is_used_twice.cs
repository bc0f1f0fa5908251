using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace FastProcedures.IntegrationTests.Concurrency;

/// <summary>A command that opens a case with an id that exists already is refused as "exists" and writes nothing,
/// whether the two openings come one after the other or at the same instant.</summary>
public sealed class when_a_case_id_is_used_twice(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly LogCollector _logs = new();
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await database.StartHostAsync(opts => opts.Services.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static MakeApplication Application(string id, string name = "Twice Applicant") => new(id, "BG", ApplicationPlace.Border,
        "Lesovo", "MAR", false, new PersonalDetails(name, null, null), "officer");

    private Task<CaseChange> InvokeAsync(object command) =>
        _host.Services.GetRequiredService<IMessageBus>().InvokeForTenantAsync<CaseChange>("BG", command);

    [Fact]
    public async Task a_second_application_under_the_same_case_id_is_refused_as_existing_and_writes_nothing()
    {
        const string id = "BG-2026-830001";
        await _host.SendAsync("BG", Application(id));
        var stream = await _host.StreamAsync("BG", id);

        var refused = await Assert.ThrowsAsync<CaseAlreadyExists>(() => InvokeAsync(Application(id, "Someone Else") with { Nationality = "SYR" }));

        Assert.Contains(id, refused.Message);
        Assert.Equal(id, refused.CaseId);
        Assert.Equal(stream.Count, (await _host.StreamAsync("BG", id)).Count);
    }

    [Fact]
    public async Task an_application_under_the_id_of_a_return_case_is_refused_as_existing()
    {
        const string id = "BG-2026-830002";
        await _host.SendAsync("BG", new OpenReturnCase(id, "BG", "TUN", new JointReturnDecision(14, "RD Art. 6(1)", "Irregular stay."), "officer"));
        var stream = await _host.StreamAsync("BG", id);

        await Assert.ThrowsAsync<CaseAlreadyExists>(() => InvokeAsync(Application(id)));

        Assert.Equal(stream.Count, (await _host.StreamAsync("BG", id)).Count);
    }

    [Fact]
    public async Task of_parallel_openings_of_one_case_id_exactly_one_succeeds_and_the_others_are_refused_as_existing()
    {
        const string id = "BG-2026-830003";
        const int openings = 8;
        string[] nationalities = ["MAR", "SYR", "AFG", "PAK", "TUN", "IRQ", "BGD", "EGY"];
        var start = new TaskCompletionSource();
        var all = Enumerable.Range(0, openings).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                // Different applications (nationality): an exact repeat of the opening would be accepted as changing nothing.
                await InvokeAsync(Application(id, $"Applicant {i}") with { Nationality = nationalities[i] });
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(all);

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<CaseAlreadyExists>(o));
        Assert.Single(await _host.StreamAsync("BG", id), e => e.Data is ApplicationMade);
        // The openings that met at the stream insert were retried and refused: information, not errors.
        Assert.True(!_logs.Entries.Any(e => e.Level >= LogLevel.Error), string.Join("\n", _logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Category + ": " + e.Message[..Math.Min(300, e.Message.Length)])));
    }
}
