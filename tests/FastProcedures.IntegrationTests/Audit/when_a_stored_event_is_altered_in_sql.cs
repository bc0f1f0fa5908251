using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.IntegrationTests.Infrastructure;
using Npgsql;

namespace FastProcedures.IntegrationTests.Audit;

public sealed class when_a_stored_event_is_altered_in_sql(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task every_event_appended_by_the_application_is_chained_and_the_chain_verifies()
    {
        const string id = "BG-2026-700001";
        await MakeAndRegisterAsync(id);

        var stream = await _host.StreamAsync("BG", id);
        Assert.All(stream, e => Assert.Matches("^[0-9a-f]{64}$", e.GetHeader(EventHashChain.Header)?.ToString()));
        Assert.Equal(stream.Count, stream.Select(e => e.GetHeader(EventHashChain.Header)?.ToString()).Distinct().Count());
        var report = await VerifyChain.RunAsync(database.ConnectionString, "BG");
        // Other tests of this class break their own streams on purpose; this one must hold.
        Assert.DoesNotContain(report.Broken, b => b.StreamId == id);
        Assert.True(report.Events >= stream.Count);
    }

    [Fact]
    public async Task an_update_of_one_event_is_found_as_the_first_broken_link_of_its_stream()
    {
        const string id = "RO-2026-700002";
        const string untouched = "RO-2026-700003";
        await MakeAndRegisterAsync(id, "RO");
        await MakeAndRegisterAsync(untouched, "RO");
        var started = (await _host.StreamAsync("RO", id)).First(e => e.EventTypeName == "deadline_started");

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                "update fastproc.mt_events set data = jsonb_set(data, '{Step,Period}', '\"P20W\"') where seq_id = @seq", connection);
            tamper.Parameters.AddWithValue("seq", started.Sequence);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var report = await VerifyChain.RunAsync(database.ConnectionString, "RO");

        var broken = Assert.Single(report.Broken);
        Assert.Equal(id, broken.StreamId);
        Assert.Equal(started.Sequence, broken.Sequence);
        Assert.Equal(started.Version, broken.Version);
        Assert.DoesNotContain(report.Broken, b => b.StreamId == untouched);
    }

    [Fact]
    public async Task deleting_the_last_events_of_a_stream_is_found_although_the_remaining_chain_holds()
    {
        const string id = "BG-2026-700004";
        await MakeAndRegisterAsync(id);
        var stream = await _host.StreamAsync("BG", id);
        var cut = stream[^2].Version;

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand(
                "delete from fastproc.mt_events where stream_id = @id and tenant_id = 'BG' and version >= @cut", connection);
            delete.Parameters.AddWithValue("id", id);
            delete.Parameters.AddWithValue("cut", cut);
            Assert.Equal(2, await delete.ExecuteNonQueryAsync());
        }

        var report = await VerifyChain.RunAsync(database.ConnectionString, "BG");

        var broken = Assert.Single(report.Broken, b => b.StreamId == id);
        Assert.Equal(cut, broken.Version);
        Assert.Equal($"the stream is at version {stream[^1].Version} but its last stored event is version {cut - 1}", broken.Reason);
    }

    [Fact]
    public async Task the_auditor_gets_the_cases_verdict_and_first_broken_link_over_the_api()
    {
        const string id = "BG-2026-700005";
        const string untouched = "BG-2026-700006";
        await MakeAndRegisterAsync(id);
        await MakeAndRegisterAsync(untouched);
        var stream = await _host.StreamAsync("BG", id);
        var (_, before, _) = await _host.GetAsync(Tokens.Auditor("BG"), $"/api/cases/{id}/chain");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                "update fastproc.mt_events set data = jsonb_set(data, '{Nationality}', '\"SYR\"') where seq_id = @seq", connection);
            tamper.Parameters.AddWithValue("seq", stream[0].Sequence);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var (status, broken, _) = await _host.GetAsync(Tokens.Auditor("BG"), $"/api/cases/{id}/chain");
        var (_, intact, _) = await _host.GetAsync(Tokens.Auditor("BG"), $"/api/cases/{untouched}/chain");
        var (refused, _, _) = await _host.GetAsync(Tokens.Asylum("BG"), $"/api/cases/{id}/chain");
        var (otherCountry, _, _) = await _host.GetAsync(Tokens.Auditor("RO"), $"/api/cases/{id}/chain");

        Assert.Equal("intact", (string)before!["verdict"]!);
        Assert.Equal(200, status);
        Assert.Equal("broken", (string)broken!["verdict"]!);
        Assert.Equal(id, (string)broken["firstBroken"]!["streamId"]!);
        Assert.Equal(stream[0].Version, (long)broken["firstBroken"]!["version"]!);
        Assert.Equal(stream[0].Sequence, (long)broken["firstBroken"]!["sequence"]!);
        Assert.Equal("intact", (string)intact!["verdict"]!);
        Assert.Null(intact["firstBroken"]);
        Assert.True((long)intact["events"]! >= 2);
        Assert.Equal(403, refused);
        Assert.Equal(404, otherCountry);
    }

    private async Task MakeAndRegisterAsync(string id, string country = "BG")
    {
        await _host.SendAsync(country, new MakeApplication(id, country, ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails("Chain Applicant", null, "+359 888 000 000 \"quoted\" ü"), "officer"));
        await _host.SendAsync(country, new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
    }
}
