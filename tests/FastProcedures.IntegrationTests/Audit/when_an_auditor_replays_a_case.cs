using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.ReplayVerification;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Audit;

public sealed class when_an_auditor_replays_a_case(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Reader Auditor = new("auditor-2", "replay test");
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task an_untouched_case_with_a_breached_deadline_replays_to_exactly_its_recorded_workflow_events()
    {
        const string id = "BG-2026-720001";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        var limit = (await _host.StreamAsync("BG", id)).Steps().OfType<DeadlineStarted>().Single(d => d.Step.Timer == "border-procedure-limit");
        database.Clock.Set(limit.Step.Schedule.ExpiresAt.AddMinutes(5));
        // The expiry message Wolverine scheduled when the limit started, delivered as the durability agent would.
        var (expiry, tenant, scheduledAt) = Assert.Single(await _host.ScheduledAsync<DeadlineDue>(),
            d => d.Message is { CaseId: id, Timer: "border-procedure-limit", Kind: "expiry" } && d.Message.Generation == limit.Step.Generation);
        Assert.Equal("BG", tenant);
        Assert.Equal(limit.Step.Schedule.ExpiresAt, expiry.DueAt);
        // Scheduled by delay from the decision's clock (the test's clock is moved, the inbox keeps the wall clock).
        Assert.NotNull(scheduledAt);
        await _host.DeliverAsync(tenant!, expiry);
        Assert.Contains(await _host.StreamAsync("BG", id), e => e.Data is DeadlineReached);

        await using var session = _host.Session("BG");
        var report = await VerifyReplay.LoadAsync(session, Catalog(), id, Auditor, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(report);
        Assert.True(report.Verified, string.Join("\n", report.Divergences.Select(d => d.ToString()).Concat(report.PinProblems)));
        Assert.Equal((await _host.StreamAsync("BG", id)).Count(e => e.Data is not (WorkflowStarted or IWorkflowStep)), report.InputsReplayed);
        Assert.Equal((await _host.StreamAsync("BG", id)).Count(e => e.Data is WorkflowStarted or IWorkflowStep), report.WorkflowEventsCompared);
        Assert.Contains(await CaseAccessLog.ReadsAsync(session, id, CancellationToken.None), r => r.ReadBy == "auditor-2");
    }

    [Fact]
    public async Task a_rejected_case_and_the_return_case_it_opened_both_replay_to_their_recorded_workflow_events()
    {
        const string id = "BG-2026-720004";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-06T10:00:00+03:00"));
        database.Clock.Set(DateTimeOffset.Parse("2026-07-20T10:00:00+03:00"));
        await _host.SendAsync("BG", new HoldInterview(id, null, "officer-asylum"));
        database.Clock.Set(DateTimeOffset.Parse("2026-07-27T10:00:00+03:00"));
        await _host.SendAsync("BG", new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Recognition rate below 20 %."), "APR Art. 39", "officer-asylum",
            new JointReturnDecision(0, "RBPR Art. 4; RD Art. 6", "No right to stay after the rejection.")));
        var returnStream = await _host.StreamAsync("BG", id + "-R");
        Assert.Contains(returnStream, e => e.Data is WorkflowStarted { Workflow: "return-border-procedure" });

        var asylum = VerifyReplay.Run(Catalog(), id, await _host.StreamAsync("BG", id), _host.Serializer().ToJson);
        var returnCase = VerifyReplay.Run(Catalog(), id + "-R", returnStream, _host.Serializer().ToJson);

        Assert.True(asylum.Verified, string.Join("\n", asylum.Divergences.Select(d => d.ToString()).Concat(asylum.PinProblems)));
        Assert.True(returnCase.Verified, string.Join("\n", returnCase.Divergences.Select(d => d.ToString()).Concat(returnCase.PinProblems)));
        Assert.True(returnCase.WorkflowEventsCompared > 0);
    }

    [Fact]
    public async Task a_deadline_period_altered_in_sql_is_reported_as_a_divergence_at_its_sequence()
    {
        const string id = "BG-2026-720002";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-02T10:00:00+03:00"));
        var started = (await _host.StreamAsync("BG", id))
            .First(e => e.Data is DeadlineStarted { Step.Timer: "border-procedure-limit" });
        Assert.Equal(1, await database.SqlAsync(
            "update fastproc.mt_events set data = jsonb_set(data, '{Step,Period}', '\"P20W\"') where seq_id = @seq", ("seq", started.Sequence)));

        await using var session = _host.Session("BG");
        var report = await VerifyReplay.LoadAsync(session, Catalog(), id, Auditor, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.NotNull(report);
        Assert.False(report.Verified);
        var divergence = Assert.Single(report.Divergences);
        Assert.Equal(started.Sequence, divergence.Sequence);
        Assert.Equal(started.Version, divergence.Version);
        Assert.Contains("\"Period\":\"P12W\"", divergence.Expected);
        Assert.Contains("\"Period\":\"P20W\"", divergence.Recorded);
        Assert.Empty(report.PinProblems);
    }

    [Fact]
    public async Task a_case_whose_pinned_definition_was_altered_is_reported_and_not_replayed_on_another_version()
    {
        const string id = "RO-2026-720003";
        await _host.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-03T10:00:00+03:00"));
        var altered = Directory.CreateTempSubdirectory("fastproc-altered-");
        try
        {
            WorkflowsCopy.To(altered.FullName);
            var file = Path.Combine(altered.FullName, "border-procedure.yaml");
            File.WriteAllText(file, File.ReadAllText(file).Replace("period: P12W", "period: P11W"));
            // versions.lock.json refuses a released version whose file changed; the alteration bypasses it.
            File.Delete(Path.Combine(altered.FullName, "versions.lock.json"));
            var catalog = WorkflowCatalog.Load(altered.FullName);
            var version = catalog.Registry.InForceOn("border-procedure", new DateOnly(2026, 7, 3)).Version;

            var report = VerifyReplay.Run(catalog, id, await _host.StreamAsync("RO", id), _host.Serializer().ToJson);

            Assert.False(report.Verified);
            Assert.Contains(report.PinProblems, p => p.Contains($"border-procedure version {version} has sha256"));
            Assert.DoesNotContain(report.Divergences, d => d.Expected?.Contains("P11W") == true);
        }
        finally
        {
            altered.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task a_case_started_under_the_first_versions_still_replays_on_them_after_the_revised_versions_land()
    {
        // Definitions and calendars revised (legal-timelines rev. 2) get new versions; the old ones stay in
        // workflows/versions/ and workflows/calendars/versions/, so a case pinned to them replays on them.
        const string id = "BG-2026-720005";
        var first = Directory.CreateTempSubdirectory("fastproc-first-versions-");
        try
        {
            WorkflowsCopy.To(first.FullName);
            foreach (var old in Directory.GetFiles(Path.Combine(first.FullName, "versions"), "v1.yaml", SearchOption.AllDirectories))
            {
                File.Copy(old, Path.Combine(first.FullName, Path.GetFileName(Path.GetDirectoryName(old)!) + ".yaml"), overwrite: true);
            }
            foreach (var old in Directory.GetFiles(Path.Combine(first.FullName, "calendars", "versions"), "v1.yaml", SearchOption.AllDirectories))
            {
                File.Copy(old, Path.Combine(first.FullName, "calendars", Path.GetFileName(Path.GetDirectoryName(old)!) + ".yaml"), overwrite: true);
            }
            Directory.Delete(Path.Combine(first.FullName, "versions"), recursive: true);
            Directory.Delete(Path.Combine(first.FullName, "calendars", "versions"), recursive: true);
            await using (var before = await database.StartHostAsync(workflowsDirectory: first.FullName))
            {
                await before.WalkAsync(database, id, DateTimeOffset.Parse("2026-07-08T10:00:00+03:00"));
            }
            var stream = await _host.StreamAsync("BG", id);
            Assert.Contains(stream, e => e.Data is WorkflowStarted { Workflow: "border-procedure", Version: 1, CalendarVersion: 1 });

            var report = VerifyReplay.Run(Catalog(), id, stream, _host.Serializer().ToJson);

            Assert.True(report.Verified, string.Join("\n", report.Divergences.Select(d => d.ToString()).Concat(report.PinProblems)));
        }
        finally
        {
            first.Delete(recursive: true);
        }
    }

    private static WorkflowCatalog Catalog() => WorkflowCatalog.Load();
}
