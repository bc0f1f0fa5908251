using System.Diagnostics;
using System.Text.Json;
using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.DeterminingResponsibility;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Persistence;

namespace FastProcedures.IntegrationTests.Cases;

/// <summary>The write path itself: the case comes from its inline snapshot, the command commits in one batch with
/// its scheduled deadlines, and a case another country holds is out of reach.</summary>
public sealed class when_a_command_is_written(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<CaseChange> MakeAsync(string id, string country = "BG") => _host.SendAsync(country, new MakeApplication(id, country,
        ApplicationPlace.Border, "Lesovo", "MAR", false, new PersonalDetails("Write Applicant", null, null), "officer"));

    /// <summary>An application made in the territory and registered in the regular procedure.</summary>
    private async Task InTheRegularProcedureAsync(string id)
    {
        await _host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Territory, "Sofia", "SYR", false,
            new PersonalDetails("Regular Applicant", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "regular-procedure", "none", "APR Art. 35(4)", "officer"));
    }

    [Fact]
    public async Task a_command_on_another_countrys_case_writes_nothing_and_says_the_case_does_not_exist()
    {
        const string id = "RO-2026-300001";
        await MakeAsync(id, "RO");
        var length = (await _host.StreamAsync("RO", id)).Count;

        var missing = await Assert.ThrowsAsync<RequiredDataMissingException>(() =>
            _host.SendAsync("BG", new StartScreening(id, null, "officer")));

        Assert.Contains(id, missing.Message);
        Assert.Empty(await _host.StreamAsync("BG", id));
        Assert.Equal(length, (await _host.StreamAsync("RO", id)).Count);
        await Assert.ThrowsAsync<RequiredDataMissingException>(() => _host.SendAsync("BG", new StartScreening("BG-2026-399999", null, "officer")));
        Assert.Empty(await _host.StreamAsync("BG", "BG-2026-399999"));
    }

    [Fact]
    public async Task registration_hands_the_case_to_the_asylum_unit_in_the_same_command_and_schedules_its_deadlines_at_their_expiry()
    {
        const string id = "BG-2026-300002";
        await MakeAsync(id);

        var (registered, tracked) = await _host.SendTrackedAsync("BG",
            new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));

        Assert.Single(registered.Events.OfType<CaseAcceptedByUnit>(), a => a.Unit == "asylum");
        // Nothing else writes to the case afterwards: the stream ends with what the command returned.
        Assert.Equal(registered.Version, (await _host.StreamAsync("BG", id)).Count);
        var limit = registered.Events.OfType<DeadlineStarted>().Single(d => d.Step.Timer == "border-procedure-limit");
        var scheduled = tracked.Scheduled.Envelopes().Where(e => e.Message is DeadlineDue { Timer: "border-procedure-limit" }).ToList();
        var expiry = Assert.Single(scheduled, e => ((DeadlineDue)e.Message!).Kind == "expiry");
        Assert.Equal("BG", expiry.TenantId);
        Assert.Equal(limit.Step.Generation, ((DeadlineDue)expiry.Message!).Generation);
        Assert.Equal(limit.Step.Schedule.ExpiresAt, ((DeadlineDue)expiry.Message!).DueAt);
        Assert.NotNull(expiry.ScheduledTime);
        if (limit.Step.Schedule.WarnAt is { } warnAt)
        {
            Assert.Single(scheduled, e => e.Message is DeadlineDue { Kind: "warning" } w && w.DueAt == warnAt);
        }
    }

    [Fact]
    public async Task the_snapshot_carries_the_last_hash_so_the_chain_continues_without_reading_the_stream()
    {
        const string id = "BG-2026-300003";
        await MakeAsync(id);
        await _host.SendAsync("BG", new StartScreening(id, null, "officer"));

        var stream = await _host.StreamAsync("BG", id);
        var snapshot = await _host.LoadAsync<AsylumCase>("BG", id);
        Assert.Equal(stream[^1].GetHeader(EventHashChain.Header)?.ToString(), snapshot!.ChainHead);
        Assert.Equal(stream.Count, snapshot.Version);
    }

    [Fact]
    public async Task the_summary_stored_with_each_command_is_the_one_a_rebuild_folds_from_the_events()
    {
        const string id = "BG-2026-300005";
        await MakeAsync(id);
        await _host.SendAsync("BG", new StartScreening(id, null, "officer"));
        await _host.SendAsync("BG", new TakeBiometrics(id, null, "EURODAC-BG-5", "officer"));
        await _host.SendAsync("BG", new CompleteScreening(id, null, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
        var stored = await _host.LoadAsync<CaseSummary>("BG", id);
        Assert.Equal("border-procedure", stored!.Procedure);
        Assert.Equal("asylum", stored.Unit);
        Assert.NotEmpty(stored.Deadlines);
        Assert.Equivalent(stored, (await _host.LoadAsync<AsylumCase>("BG", id))!.Summary);

        using (var daemon = await _host.Services.GetRequiredService<IDocumentStore>().BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<CaseSummaryProjection>(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        var rebuilt = await _host.LoadAsync<CaseSummary>("BG", id);
        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(rebuilt));
    }

    [Fact]
    public async Task a_command_reads_the_snapshot_not_the_stream_and_commits_in_one_batch()
    {
        const string id = "BG-2026-300004";
        await MakeAsync(id);
        await _host.SendAsync("BG", new StartScreening(id, null, "officer"));

        CaseChange change = null!;
        var statements = await StatementsAsync(async () => change = await _host.SendAsync("BG", new TakeBiometrics(id, null, "EURODAC-BG-3", "officer")));

        Assert.True(change.Changed);
        // One fetch (stream version and snapshot together), one commit (events, snapshot, outbox); no read of the
        // events table: no fold of the stream, no lookup of the previous hash.
        Assert.Single(statements, s => s.StartsWith("select version from fastproc.mt_streams") && s.Contains("from fastproc.mt_doc_asylumcase"));
        Assert.Single(statements, s => s.Contains("mt_quick_append_events"));
        Assert.DoesNotContain(statements, s => s.Contains("from fastproc.mt_events"));
        // An asylum case's command never reads the return case document, nor the case summary: the snapshot carries
        // it and the commit stores it.
        Assert.DoesNotContain(statements, s => s.Contains("from fastproc.mt_doc_returncase"));
        Assert.DoesNotContain(statements, s => s.Contains("from fastproc.mt_doc_casesummary"));
        Assert.True(statements.Count <= 2, string.Join("\n", statements));
    }

    [Fact]
    public async Task a_command_that_schedules_deadlines_writes_their_messages_in_its_one_commit()
    {
        const string id = "BG-2026-300006";
        await MakeAsync(id);

        CaseChange registered = null!;
        var statements = await StatementsAsync(async () => registered = await _host.SendAsync("BG",
            new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer")));

        Assert.NotEmpty(registered.Events.OfType<DeadlineStarted>());
        // The scheduled deadline messages are statements of the commit batch, not round trips of their own.
        Assert.Single(statements, s => s.Contains("mt_quick_append_events") && s.Contains("wolverine_incoming_envelopes"));
        Assert.True(statements.Count <= 2, string.Join("\n", statements));
    }

    [Fact]
    public async Task an_opening_starts_its_stream_in_one_fetch_and_one_commit()
    {
        const string id = "BG-2026-300007";

        var statements = await StatementsAsync(() => MakeAsync(id));

        // No lock or existence check of its own: a second opening of the id meets the stream's unique key at commit
        // and is retried and refused (when_a_case_id_is_used_twice).
        Assert.Single(statements, s => s.Contains("mt_quick_append_events") || s.Contains("insert into fastproc.mt_streams"));
        Assert.DoesNotContain(statements, s => s.Contains("pg_advisory"));
        Assert.True(statements.Count <= 2, string.Join("\n", statements));
        Assert.Single(await _host.StreamAsync("BG", id), e => e.Data is ApplicationMade);
    }

    [Fact]
    public async Task a_workflow_started_by_another_fact_than_the_procedure_runs_beside_it_and_leaves_the_case_stage_alone()
    {
        const string id = "BG-2026-300008";
        await InTheRegularProcedureAsync(id);
        var before = await _host.LoadAsync<CaseSummary>("BG", id);

        var started = await _host.SendAsync("BG", new StartResponsibilityCheck(id, null, "officer"));

        // The determination (started on ResponsibilityCheckStarted, not on the opening or the assigned procedure)
        // entered its own first stage; the case's stage and unit are still the procedure's.
        var beside = Assert.Single(started.Events.OfType<WorkflowStarted>());
        Assert.Contains(started.Events.OfType<WorkflowStageEntered>(), e => e.Workflow == beside.Workflow);
        var after = await _host.LoadAsync<CaseSummary>("BG", id);
        Assert.Equal([beside.Workflow], after!.BesideWorkflows);
        Assert.Equal("regular-procedure", after.Procedure);
        Assert.Equal(before!.Stage, after.Stage);
        Assert.Equal(before.Unit, after.Unit);
        Assert.Contains(after.Deadlines, d => d.Workflow == beside.Workflow);
    }

    [Fact]
    public async Task summaries_stored_before_they_listed_the_workflows_beside_the_procedure_get_the_list_at_start()
    {
        const string id = "BG-2026-300009";
        await InTheRegularProcedureAsync(id);
        var check = Assert.Single((await _host.SendAsync("BG", new StartResponsibilityCheck(id, null, "officer"))).Events.OfType<WorkflowStarted>());
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var strip = new Npgsql.NpgsqlCommand("""
                update fastproc.mt_doc_casesummary set data = data - 'BesideWorkflows' where id = @id;
                update fastproc.mt_doc_asylumcase set data = data #- '{Summary,BesideWorkflows}' where id = @id;
                """, connection);
            strip.Parameters.AddWithValue("id", id);
            await strip.ExecuteNonQueryAsync();
        }
        var stage = (await _host.LoadAsync<CaseSummary>("BG", id))!.Stage;

        await new SnapshotsCarrySummaries().Populate(store, CancellationToken.None);

        Assert.Equal([check.Workflow], (await _host.LoadAsync<CaseSummary>("BG", id))!.BesideWorkflows);
        Assert.Equal([check.Workflow], (await _host.LoadAsync<AsylumCase>("BG", id))!.Summary!.BesideWorkflows);
        // The determination's next stage leaves the case's stage as it was.
        var sent = await _host.SendAsync("BG", new SendTakeChargeRequest(id, null, "DE", false, "officer"));
        Assert.Contains(sent.Events.OfType<WorkflowStageEntered>(), e => e.Workflow == check.Workflow);
        Assert.Equal(stage, (await _host.LoadAsync<CaseSummary>("BG", id))!.Stage);
    }

    /// <summary>The statements PostgreSQL received while <paramref name="command"/> ran, one per round trip.</summary>
    private static async Task<IReadOnlyList<string>> StatementsAsync(Func<Task> command)
    {
        var statements = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var inCommand = new AsyncLocal<bool>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                // Npgsql also traces the pool opening a physical connection ("CONNECT <database>"), which happens
                // inside a command only when no idle connection is left (tests running side by side): not a statement.
                if (inCommand.Value && !a.OperationName.StartsWith("CONNECT ", StringComparison.Ordinal))
                {
                    statements.Enqueue(a.GetTagItem("db.query.text")?.ToString() ?? "");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        inCommand.Value = true;
        await command();
        inCommand.Value = false;
        return [.. statements];
    }

    [Fact]
    public async Task the_connections_keep_the_statements_they_prepared_when_they_go_back_to_the_pool()
    {
        // Without prepared statements Npgsql resets a pooled connection with DISCARD ALL, which also drops the plans
        // PostgreSQL cached for the event append function: every command planned them again.
        // Npgsql prepares a statement on its fifth use on a connection.
        for (var i = 1; i <= 40; i++)
        {
            await MakeAsync($"BG-2026-46{i:D4}");
        }
        var dataSource = ((Weasel.Postgresql.PostgresqlDatabase)_host.Services.GetRequiredService<IDocumentStore>().Storage.Database).DataSource;
        // The pooled connections the commands used, held at once so each is asked (not one handed out again).
        var connections = new List<Npgsql.NpgsqlConnection>();
        var withAppend = 0;
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var connection = await dataSource.OpenConnectionAsync();
                connections.Add(connection);
                await using var prepared = new Npgsql.NpgsqlCommand(
                    "select count(*) filter (where statement like '%mt_quick_append_events%') from pg_prepared_statements", connection);
                withAppend += (long)(await prepared.ExecuteScalarAsync())! > 0 ? 1 : 0;
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        Assert.Equal(Connections.PreparedStatements, new Npgsql.NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
        Assert.True(withAppend > 0, "no pooled connection kept the prepared event append");
    }
}
