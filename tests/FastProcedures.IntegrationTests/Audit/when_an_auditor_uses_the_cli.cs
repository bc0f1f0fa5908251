using System.Text.Json;
using Alba;
using FastProcedures.Cases.Audit.ErasingPersonalData;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Audit;

/// <summary><c>fastproc replay</c> and <c>fastproc verify-chain</c> on a database the app wrote (FASTPROC_DB).</summary>
public sealed class when_an_auditor_uses_the_cli(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<CliRunner.Result> FastprocAsync(params string[] arguments) =>
        CliRunner.RunAsync(new Dictionary<string, string?> { ["FASTPROC_DB"] = database.ConnectionString }, arguments);

    [Fact]
    public async Task replay_shows_the_case_as_of_an_instant_with_its_stages_and_the_time_left()
    {
        const string id = "BG-2026-740001";
        var (_, registered, _) = await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));

        var result = await FastprocAsync("replay", id, "--as-of", registered.AddMinutes(30).ToString("O"), "--by", "auditor-cli");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"{id} (asylum case) as of 2026-07-01T11:30:00.0000000+03:00", result.StandardOutput);
        Assert.Contains("  border-procedure: examination", result.StandardOutput);
        // 2026-09-24T00:00+03:00 minus 2026-07-01T11:30+03:00: 84 days 12 hours 30 minutes.
        Assert.Contains("border-procedure/border-procedure-limit (P12W): expires 2026-09-24T00:00:00.0000000+03:00, 84d 12h 30m left",
            result.StandardOutput);
        Assert.DoesNotContain("Audit Applicant", result.StandardOutput);
    }

    [Fact]
    public async Task replay_verify_exits_0_on_an_untouched_case_and_1_with_the_divergence_after_an_update_in_sql()
    {
        const string id = "RO-2026-740002";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-02T10:00:00+03:00"));

        var untouched = await FastprocAsync("replay", id, "--verify");
        Assert.True(untouched.ExitCode == 0, untouched.StandardOutput + untouched.StandardError);
        Assert.Contains("Verified:", untouched.StandardOutput);

        var started = (await _host.StreamAsync("RO", id)).First(e => e.Data is DeadlineStarted { Step.Timer: "border-procedure-limit" });
        await database.SqlAsync("update fastproc.mt_events set data = jsonb_set(data, '{Step,Period}', '\"P20W\"') where seq_id = @seq",
            ("seq", started.Sequence));
        var altered = await FastprocAsync("replay", id, "--verify");

        Assert.Equal(1, altered.ExitCode);
        Assert.Contains("NOT VERIFIED: 1 divergence(s)", altered.StandardOutput);
        Assert.Contains($"sequence {started.Sequence} (version {started.Version}, deadline_started)", altered.StandardOutput);
    }

    [Fact]
    public async Task replay_json_lists_the_verification_and_every_read_of_the_case_but_no_erased_name()
    {
        const string id = "BG-2026-740003";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-03T10:00:00+03:00"), "Erased Person Cli");
        await _host.SendAsync("BG", new ErasePersonalData(id, "GDPR Art. 17(1)(d)", "dpo-bg"));

        await FastprocAsync("replay", id, "--by", "first-reader", "--purpose", "appeal file");
        var result = await FastprocAsync("replay", id, "--verify", "--json", "--by", "second-reader");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(id, json.RootElement.GetProperty("caseId").GetString());
        Assert.True(json.RootElement.GetProperty("verification").GetProperty("verified").GetBoolean());
        var reads = json.RootElement.GetProperty("accessLog").EnumerateArray()
            .Select(r => (r.GetProperty("readBy").GetString(), r.GetProperty("purpose").GetString())).ToList();
        Assert.Equal([("first-reader", "appeal file"), ("second-reader", "audit replay (verify)")], reads);
        Assert.DoesNotContain("Erased Person", result.StandardOutput);
        Assert.Empty(await database.TablesContainingAsync("Erased Person"));
    }

    [Fact]
    public async Task replay_refuses_an_unknown_case_and_a_bad_instant_with_exit_2()
    {
        var unknown = await FastprocAsync("replay", "BG-2026-749999");
        var notACase = await FastprocAsync("replay", "XX-1");
        var badInstant = await FastprocAsync("replay", "BG-2026-749999", "--as-of", "yesterday");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("fastproc: There is no case BG-2026-749999.", unknown.StandardError.Trim().Split('\n')[^1]);
        Assert.Equal(2, notACase.ExitCode);
        Assert.Equal(2, badInstant.ExitCode);
        Assert.Contains("--as-of: 'yesterday' is not an ISO 8601 instant", badInstant.StandardError);
    }

    [Fact]
    public async Task verify_chain_exits_0_on_untouched_streams_and_1_naming_the_row_altered_in_sql()
    {
        const string id = "RO-2026-740005";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-05T10:00:00+03:00"));
        var intact = await FastprocAsync("verify-chain", "--tenant", "RO");
        Assert.True(intact.ExitCode == 0, intact.StandardOutput + intact.StandardError);
        Assert.Contains("every chain intact", intact.StandardOutput);

        var lodged = (await _host.StreamAsync("RO", id)).First(e => e.EventTypeName == "application_lodged");
        await database.SqlAsync("update fastproc.mt_events set data = jsonb_set(data, '{LodgedBy}', '\"someone-else\"') where seq_id = @seq",
            ("seq", lodged.Sequence));
        var broken = await FastprocAsync("verify-chain", "--tenant", "RO");
        var badTenant = await FastprocAsync("verify-chain", "--tenant", "FR");

        Assert.Equal(1, broken.ExitCode);
        var line = Assert.Single(broken.StandardOutput.Split('\n'), l => l.StartsWith("BROKEN"));
        Assert.StartsWith($"BROKEN RO {id} sequence {lodged.Sequence} version {lodged.Version} (application_lodged)", line);
        Assert.Equal(2, badTenant.ExitCode);
    }
}
