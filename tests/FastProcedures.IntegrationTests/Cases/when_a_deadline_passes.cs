using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Deadlines.NotifyingUnits;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows.Clock;
using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace FastProcedures.IntegrationTests.Cases;

public sealed class when_a_deadline_passes(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task the_border_limit_breach_escalates_to_the_asylum_unit_and_moves_the_case_to_the_territory_once()
    {
        const string id = "BG-2026-200001";
        await using var host = await database.StartHostAsync();
        var registeredAt = DateTimeOffset.Parse("2026-07-01T10:00:00+03:00");
        database.Clock.Set(registeredAt);
        await host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails("Breach Applicant", null, null), "officer"));
        var (registered, tracked) = await host.SendTrackedAsync("BG",
            new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
        var limit = registered.Events.OfType<DeadlineStarted>().Single(d => d.Step.Timer == "border-procedure-limit");
        // 12 weeks from Wednesday 1 July 2026 end with Wednesday 23 September 2026 (Reg. 1182/71 Art. 3(2)(c)).
        Assert.Equal(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), limit.Step.Schedule.ExpiresAt);

        // The expiry Wolverine really scheduled, delivered when its time comes (twice: firing is idempotent).
        database.Clock.Set(limit.Step.Schedule.ExpiresAt.AddMinutes(5));
        var expiry = Assert.Single(tracked.Scheduled.MessagesOf<DeadlineDue>(),
            d => d.Timer == "border-procedure-limit" && d.Kind == "expiry");
        Assert.Equal((limit.Step.Schedule.ExpiresAt, limit.Step.Generation), (expiry.DueAt, expiry.Generation));
        // The escalation is stored in the asylum unit's inbox with the batch Wolverine gathers it in.
        var breached = await host.TrackActivity(TimeSpan.FromSeconds(60)).WaitForMessageToBeReceivedAt<UnitNotified[]>(host)
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync("BG", expiry)));
        Assert.Single(breached.Received.MessagesOf<UnitNotified[]>().SelectMany(batch => batch),
            n => n.CaseId == id && n.Message == "BorderProcedureLimitExceeded");
        var again = await host.TrackActivity(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync("BG", expiry)));
        Assert.Empty(again.Sent.MessagesOf<UnitNotified>());

        var stream = await host.StreamAsync("BG", id);
        var breach = Assert.Single(stream.Steps().OfType<DeadlineBreached>(), b => b.Step.Timer == "border-procedure-limit");
        Assert.Equal("APR Art. 51(2)", breach.Step.LegalBasis);
        var asylum = await host.LoadAsync<AsylumCase>("BG", id);
        Assert.Equal("territory-procedure", asylum!.Workflows.StageOf("border-procedure"));
        await using var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession("BG");
        var inbox = await query.Query<UnitInboxItem>().Where(i => i.CaseId == id).ToListAsync();
        Assert.Single(inbox, i => i.Message == "BorderProcedureLimitExceeded" && i.Unit == "asylum");
    }

    [Fact]
    public async Task a_deadline_that_passes_while_the_system_is_down_is_breached_exactly_once_after_the_restart()
    {
        const string id = "RO-2026-200002";
        database.Clock.Offset = TimeSpan.Zero;
        DeadlineStarted eurodac;
        await using (var first = await database.StartHostAsync())
        {
            var made = await first.SendAsync("RO", new MakeApplication(id, "RO", ApplicationPlace.Territory, "Bucharest", "PAK", false,
                new PersonalDetails("Restart Applicant", null, null), "officer"));
            // Eurodac Reg. Art. 15(1): 72 hours, counted from the start of the next hour (Reg. 1182/71 Art. 3(1)).
            eurodac = made.Events.OfType<DeadlineStarted>().Single(d => d.Step.Timer == "eurodac-biometrics");
            Assert.Equal(TimeSpan.FromHours(72), eurodac.Step.Schedule.ExpiresAt - eurodac.Step.StartedAt.AddTicks(
                -(eurodac.Step.StartedAt.UtcTicks % TimeSpan.TicksPerHour)).AddHours(1));
        }

        // While no node runs, the 72 hours pass: the scheduled messages due by then are due now.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var passTime = new NpgsqlCommand(
                "update fastproc.wolverine_incoming_envelopes set execution_time = now() where status = 'Scheduled' and execution_time <= @expiry",
                connection);
            passTime.Parameters.AddWithValue("expiry", eurodac.Step.Schedule.ExpiresAt.UtcDateTime);
            Assert.True(await passTime.ExecuteNonQueryAsync() >= 1);
        }
        database.Clock.Set(eurodac.Step.Schedule.ExpiresAt.AddMinutes(1));

        await using var second = await database.StartHostAsync();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !(await second.StreamAsync("RO", id)).Steps().OfType<DeadlineBreached>().Any())
        {
            await Task.Delay(250);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));

        var breach = Assert.Single((await second.StreamAsync("RO", id)).Steps().OfType<DeadlineBreached>());
        Assert.Equal("eurodac-biometrics", breach.Step.Timer);
        Assert.Equal(eurodac.Step.Schedule.ExpiresAt, breach.Step.ExpiredAt);
    }

    [Fact]
    public async Task when_the_return_border_procedure_limit_passes_the_case_continues_in_the_ordinary_return_procedure()
    {
        const string id = "BG-2026-200003";
        await using var host = await database.StartHostAsync();
        database.Clock.Set(DateTimeOffset.Parse("2026-07-06T10:00:00+03:00"));
        await host.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails("Return Border Applicant", null, null), "officer"));
        await host.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
        var decided = await host.SendAsync("BG", new FastProcedures.Cases.Asylum.IssuingDecision.IssueDecision(id, null,
            DecisionOutcome.RejectedManifestlyUnfounded, new DecisionReason("APR Art. 42(1)(j)", "Low recognition rate."),
            "APR Art. 39", "officer", new JointReturnDecision(0, "RBPR Art. 4", "No right to stay.")));
        // RBPR Art. 4(2): the 12 weeks start when the right to remain ends, not when the return case opens: here
        // when the appeal window passed unused and the decision became final.
        Assert.DoesNotContain((await host.StreamAsync("BG", id + "-R")).Steps().OfType<DeadlineStarted>(), d => d.Step.Timer == "return-border-limit");
        database.Clock.Set(Assert.Single(decided.Events.OfType<DecisionIssued>()).AppealWindowEndsAt!.Value.AddMinutes(1));
        var (_, tracked) = await host.SendTrackedAsync("BG", new FastProcedures.Cases.Asylum.Appeals.RecordFinalDecision(id, null, "officer"));
        var limit = (await host.StreamAsync("BG", id + "-R")).Steps().OfType<DeadlineStarted>().Single(d => d.Step.Timer == "return-border-limit");

        // The final decision reached the linked return case (a cascaded message) and scheduled its limit: deliver it.
        var expiry = Assert.Single(tracked.Scheduled.MessagesOf<DeadlineDue>(),
            d => d.CaseId == id + "-R" && d.Timer == "return-border-limit" && d.Kind == "expiry");
        Assert.Equal(limit.Step.Schedule.ExpiresAt, expiry.DueAt);
        database.Clock.Set(limit.Step.Schedule.ExpiresAt.AddMinutes(1));
        await host.DeliverAsync("BG", expiry);

        var returnCase = await host.LoadAsync<FastProcedures.Cases.Return.ReturnCase>("BG", id + "-R");
        Assert.Equal("ordinary-return", returnCase!.Workflows.StageOf("return-border-procedure"));
        Assert.NotNull(returnCase.Workflows.StageOf("return-procedure"));
    }
}
