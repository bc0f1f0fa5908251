using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Queries.CaseSummaries;
using FastProcedures.Cases.Queries.DeadlineBoard;
using FastProcedures.Cases.Queries.Kpis;
using FastProcedures.Cases.Queries.Removable;
using FastProcedures.Cases.Queries.WorkQueues;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using Wolverine;
using Wolverine.Tracking;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FastProcedures.IntegrationTests.Cases;

public sealed class when_units_read_their_queues_and_boards(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() => _host = await database.StartHostAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task RegisterAsync(string id, string at, string procedure, ApplicationPlace place)
    {
        database.Clock.Set(DateTimeOffset.Parse(at));
        await _host.SendAsync("BG", new MakeApplication(id, "BG", place, "Lesovo", "MAR", false,
            new PersonalDetails("Queue Applicant", null, null), "officer"));
        await _host.SendAsync("BG", new RegisterApplication(id, null, procedure, "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
    }

    [Fact]
    public async Task the_asylum_queue_puts_the_most_urgent_legal_deadline_first_and_the_board_shows_what_is_due()
    {
        // Both must be lodged within 21 days of registration (APR Art. 28(1)); the one registered a day earlier (though
        // recorded second) runs out first.
        await RegisterAsync("BG-2026-300001", "2026-08-04T10:00:00+03:00", "regular-procedure", ApplicationPlace.Territory);
        await RegisterAsync("BG-2026-300002", "2026-08-03T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        database.Clock.Set(DateTimeOffset.Parse("2026-08-10T09:00:00+03:00"));
        await using var query = _host.Services.GetRequiredService<IDocumentStore>().QuerySession("BG");

        var queue = await WorkQueue.ForUnitAsync(query, "asylum");
        var board = await DeadlineBoard.DueAsync(query, _host.Services.GetRequiredService<WorkflowCatalog>(), database.Clock.GetUtcNow(), TimeSpan.FromDays(30));

        Assert.Equal(["BG-2026-300002", "BG-2026-300001"], queue.Where(c => c.Id.StartsWith("BG-2026-3")).Select(c => c.Id).Take(2));
        Assert.All(queue, c => Assert.Equal("asylum", c.Unit));
        // Lodging within 21 days of registration (APR Art. 28(1)) falls due on both cases within the horizon.
        Assert.Contains(board, l => l.CaseId == "BG-2026-300001" && l.Timer.Contains("lodg"));
        Assert.DoesNotContain(board, l => l.Timer == "border-procedure-limit");
    }

    [Fact]
    public async Task a_rejected_applicant_is_not_removable_while_the_appeal_window_is_open_and_kpi_facts_count_the_decision()
    {
        const string id = "BG-2026-300003";
        await RegisterAsync(id, "2026-09-01T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        await _host.SendAsync("BG", new IssueDecision(id, null, DecisionOutcome.RejectedManifestlyUnfounded,
            new DecisionReason("APR Art. 42(1)(j)", "Low recognition rate."), "APR Art. 39", "officer",
            new JointReturnDecision(0, "RD Art. 6", "No right to stay.")));
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession("BG");

        var removable = await Removable.TodayAsync(query, database.Clock.GetUtcNow());

        var line = Assert.Single(removable, l => l.CaseId == id + "-R");
        Assert.False(line.Removable);
        Assert.Contains("the asylum appeal window is open (APR Art. 67-68)", line.Bars);

        await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var facts = await query.Query<KpiFact>().Where(f => f.CaseId == id || f.CaseId == id + "-R").ToListAsync();
        Assert.Contains(facts, f => f.Fact == "decision-issued" && f.Detail == "rejected-manifestly-unfounded");
        Assert.Contains(facts, f => f.Fact == "return-decision-issued" && f.Detail == "joint");
    }

    [Fact]
    public async Task a_hand_over_the_return_unit_does_not_acknowledge_shows_on_the_board_after_one_working_day()
    {
        const string id = "BG-2026-300004";
        await RegisterAsync(id, "2026-09-07T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        await _host.SendAsync("BG", new IssueDecision(id, null, DecisionOutcome.RejectedUnfounded,
            new DecisionReason("APR Art. 39(3)", "No well-founded fear."), "APR Art. 39", "officer",
            new JointReturnDecision(0, "RD Art. 6", "No right to stay.")));
        // The return case is closed meanwhile, so the hand-over is refused there and never acknowledged.
        await _host.SendAsync("BG", new CloseReturnCase(id + "-R", null, "Recorded in error.", "officer-return", ReturnDecisionWithdrawn: true));
        database.Clock.Set(DateTimeOffset.Parse("2026-09-18T10:00:00+03:00")); // Friday, after the one-week appeal window
        await _host.TrackActivity(TimeSpan.FromSeconds(30)).DoNotAssertOnExceptionsDetected().ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync<FastProcedures.Cases.CaseChange>("BG", new RecordFinalDecision(id, null, "officer"))));
        var catalog = _host.Services.GetRequiredService<WorkflowCatalog>();
        await using var query = _host.Services.GetRequiredService<IDocumentStore>().QuerySession("BG");

        var sameDay = await DeadlineBoard.DueAsync(query, catalog, DateTimeOffset.Parse("2026-09-18T12:00:00+03:00"), TimeSpan.Zero);
        var nextWeek = await DeadlineBoard.DueAsync(query, catalog, DateTimeOffset.Parse("2026-09-22T12:00:00+03:00"), TimeSpan.Zero);

        Assert.DoesNotContain(sameDay, l => l.CaseId == id && l.Timer == DeadlineBoard.HandOverAcknowledgement);
        // One working day from Friday 18 September, the day of the hand-over not counted: Monday 21 September, which
        // expires at midnight (Reg. 1182/71 Art. 3(1), 3(3)); at noon on the 22nd it is overdue.
        var line = Assert.Single(nextWeek, l => l.CaseId == id && l.Timer == DeadlineBoard.HandOverAcknowledgement);
        Assert.Equal(DeadlineStatus.Breached, line.Status);
        Assert.Equal(DateTimeOffset.Parse("2026-09-22T00:00:00+03:00"), line.ExpiresAt);
    }

    [Fact]
    public async Task a_queue_and_the_board_are_read_a_page_at_a_time_with_counts_of_the_whole()
    {
        await RegisterAsync("BG-2026-300011", "2026-10-05T10:00:00+03:00", "regular-procedure", ApplicationPlace.Territory);
        await RegisterAsync("BG-2026-300012", "2026-10-06T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        await RegisterAsync("BG-2026-300013", "2026-10-07T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        var catalog = _host.Services.GetRequiredService<WorkflowCatalog>();
        var now = DateTimeOffset.Parse("2026-10-08T09:00:00+03:00");
        await using var query = _host.Services.GetRequiredService<IDocumentStore>().QuerySession("BG");

        var queue = await WorkQueue.ForUnitAsync(query, "asylum", take: 500);
        var second = await WorkQueue.PageAsync(query, "asylum", page: 2, pageSize: 1);
        var board = await DeadlineBoard.DueAsync(query, catalog, now, TimeSpan.FromDays(30));
        var first = await DeadlineBoard.PageAsync(query, catalog, now, TimeSpan.FromDays(30), pageSize: 1);
        var next = await DeadlineBoard.PageAsync(query, catalog, now, TimeSpan.FromDays(30), page: 2, pageSize: 1);

        Assert.True(queue.Count >= 3);
        Assert.Equal(queue[1].Id, Assert.Single(second.Cases).Id);
        Assert.Equal(queue.Count, second.Total);
        Assert.Equal(queue.Count(c => c.BreachedDeadlines > 0), second.Breached);
        // A board page holds every deadline of its cases on the board; the pages follow the whole board's order.
        var firstCase = Assert.Single(first.Lines.Select(l => l.CaseId).Distinct());
        var nextCase = Assert.Single(next.Lines.Select(l => l.CaseId).Distinct());
        Assert.Equal(board.Where(l => l.CaseId == firstCase), first.Lines);
        Assert.NotEqual(firstCase, nextCase);
        Assert.True(board.First(l => l.CaseId == firstCase).ExpiresAt <= board.First(l => l.CaseId == nextCase).ExpiresAt);
        Assert.True(first.Cases >= board.Select(l => l.CaseId).Distinct().Count());
        Assert.Equal(first.Cases, next.Cases);
    }

    [Fact]
    public async Task summaries_written_before_the_board_columns_existed_are_filled_at_start_and_come_back_to_queue_and_board()
    {
        const string id = "BG-2026-300021";
        await RegisterAsync(id, "2026-10-05T10:00:00+03:00", "border-procedure", ApplicationPlace.Border);
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        var catalog = _host.Services.GetRequiredService<WorkflowCatalog>();
        var now = DateTimeOffset.Parse("2026-10-06T09:00:00+03:00");
        await using (var session = store.LightweightSession())
        {
            // As a summary written by a version without these columns stands after the schema update.
            session.QueueSqlCommand("update fastproc.mt_doc_casesummary set board_at = null, breached = null, opened_at_utc = null where id = ?", id);
            await session.SaveChangesAsync();
        }
        await using var query = store.QuerySession("BG");
        Assert.DoesNotContain(await WorkQueue.ForUnitAsync(query, "asylum", take: 500), c => c.Id == id);

        await new CaseSummaryIndexes.FillNewColumns().Populate(store, CancellationToken.None);

        Assert.Contains(await WorkQueue.ForUnitAsync(query, "asylum", take: 500), c => c.Id == id);
        Assert.Contains(await DeadlineBoard.DueAsync(query, catalog, now, TimeSpan.FromDays(30)), l => l.CaseId == id);
    }

    [Fact]
    public async Task the_summaries_carry_the_board_and_queue_indexes_and_no_index_per_filtered_column()
    {
        // Every command rewrites its case's summary: each index on the table is one more write per command.
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand(
            "select indexname from pg_indexes where schemaname = 'fastproc' and tablename = 'mt_doc_casesummary' order by 1", connection);
        var indexes = new List<string>();
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }
        await using var columns = new Npgsql.NpgsqlCommand(
            "select count(*) from information_schema.columns where table_schema = 'fastproc' and table_name = 'mt_doc_casesummary' and column_name in ('hand_over_sent_at', 'breached_deadlines', 'unit')", connection);

        Assert.Equal([CaseSummaryIndexes.Board, "pkey_mt_doc_casesummary_tenant_id_id", CaseSummaryIndexes.Queue], indexes);
        Assert.Equal(3L, await columns.ExecuteScalarAsync());
    }
}
