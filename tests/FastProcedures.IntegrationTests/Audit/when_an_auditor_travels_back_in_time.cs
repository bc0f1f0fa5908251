using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;

namespace FastProcedures.IntegrationTests.Audit;

public sealed class when_an_auditor_travels_back_in_time(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Reader Auditor = new("auditor-1", "time travel test");
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task the_case_as_of_an_instant_is_exactly_the_case_as_it_stood_then_with_the_time_left_on_each_deadline()
    {
        const string id = "BG-2026-710001";
        var start = DateTimeOffset.Parse("2026-07-01T08:00:00+03:00");
        // The document as the application held it right after registration, before the case moved on.
        var (_, registered, _) = await WalkUntilRegisteredAsync(id, start);
        var then = await _host.LoadAsync<AsylumCase>("BG", id);
        database.Clock.Set(start.AddHours(2));
        await _host.SendAsync("BG", new FastProcedures.Cases.Asylum.Examining.LodgeApplication(id, null, "officer-asylum"));

        var instant = registered.AddMinutes(30);
        await using var session = _host.Session("BG");
        var asOf = await CaseAsOf.LoadAsync(session, id, new AsOf(instant), Auditor, start.AddDays(1), CancellationToken.None);

        Assert.NotNull(asOf);
        var state = Assert.IsType<AsylumCase>(asOf.State);
        Assert.Equal(_host.Serializer().ToJson(then!), _host.Serializer().ToJson(state));
        Assert.True(state.Registered);
        Assert.False(state.Lodged);
        Assert.Equal(instant, asOf.At);
        Assert.Equal("examination", asOf.Stages["border-procedure"]);
        var limit = Assert.Single(asOf.Deadlines, d => d.Timer == "border-procedure-limit");
        Assert.Equal(TimerStatus.Running, limit.Status);
        // 12 weeks from Wednesday 1 July 2026 end with Wednesday 23 September 2026 (Reg. 1182/71 Art. 3(2)(c)).
        Assert.Equal(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), limit.ExpiresAt);
        Assert.Equal(limit.ExpiresAt - instant, limit.Left);
        Assert.DoesNotContain(asOf.Deadlines, d => d.Timer == "registration-limit"); // stopped by the registration
    }

    [Fact]
    public async Task the_case_as_of_a_stream_version_holds_the_events_up_to_that_version_only()
    {
        const string id = "BG-2026-710002";
        var start = DateTimeOffset.Parse("2026-07-06T09:00:00+03:00");
        await _host.WalkAsync(database, id, start);
        var stream = await _host.StreamAsync("BG", id);
        var made = Assert.IsType<ApplicationMade>(stream[0].Data).MadeAt;
        var lastOfApplication = stream.TakeWhile(e => e.Data is not ApplicationRegistered).Last().Version;

        await using var session = _host.Session("BG");
        var asOf = await CaseAsOf.LoadAsync(session, id, new AsOf(Version: lastOfApplication), Auditor, start.AddDays(1), CancellationToken.None);

        Assert.NotNull(asOf);
        Assert.Equal(lastOfApplication, asOf.Version);
        var state = Assert.IsType<AsylumCase>(asOf.State);
        Assert.False(state.Registered);
        Assert.Equal(made, state.MadeAt);
        Assert.False(asOf.Stages.ContainsKey("border-procedure"));
        Assert.Contains(asOf.Deadlines, d => d.Timer == "registration-limit");
    }

    [Fact]
    public async Task before_the_application_there_is_no_case_and_every_read_is_in_the_access_log()
    {
        const string id = "RO-2026-710003";
        var start = DateTimeOffset.Parse("2026-07-07T09:00:00+03:00");
        await _host.WalkAsync(database, id, start);

        await using var session = _host.Session("RO");
        var before = await CaseAsOf.LoadAsync(session, id, new AsOf(start.AddSeconds(-1)), Auditor, start.AddDays(1), CancellationToken.None);
        var after = await CaseAsOf.LoadAsync(session, id, AsOf.Latest, Auditor with { Purpose = "second look" }, start.AddDays(2), CancellationToken.None);

        Assert.Null(before);
        Assert.NotNull(after);
        var reads = await CaseAccessLog.ReadsAsync(session, id, CancellationToken.None);
        var read = Assert.Single(reads); // a read that found nothing shows nothing
        Assert.Equal(new CaseRead(id, "auditor-1", "second look", start.AddDays(2)), read);
        Assert.DoesNotContain(await _host.StreamAsync("RO", id), e => e.Data is CaseRead);
    }

    private async Task<(DateTimeOffset, DateTimeOffset, DateTimeOffset)> WalkUntilRegisteredAsync(string id, DateTimeOffset start)
    {
        database.Clock.Set(start);
        await _host.SendAsync("BG", new FastProcedures.Cases.Reception.MakingApplication.MakeApplication(id, "BG", ApplicationPlace.Border,
            "Lesovo", "MAR", false, new PersonalDetails("Time Traveller", null, null), "officer-reception"));
        database.Clock.Set(start.AddHours(1));
        await _host.SendAsync("BG", new FastProcedures.Cases.Reception.Registering.RegisterApplication(id, null, "border-procedure",
            "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer-reception"));
        return (start, start.AddHours(1), start.AddHours(2));
    }
}
