using Alba;
using FastProcedures.Cases.Deadlines.NotifyingUnits;
using FastProcedures.Cases.Messages;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace FastProcedures.IntegrationTests.Spine;

/// <summary>Warnings and escalations sent to units together are stored together: Wolverine gathers them per country
/// and one handler run stores each batch in that country's inbox.</summary>
public sealed class when_units_are_notified_together(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task every_notification_reaches_its_countrys_inbox_in_fewer_handler_runs_than_messages()
    {
        await using var host = await database.StartHostAsync();
        var sentAt = DateTimeOffset.Parse("2026-09-01T09:00:00+03:00");
        var notifications = Enumerable.Range(1, 12)
            .Select(i => new UnitNotified($"{(i % 3 == 0 ? "RO" : "BG")}-2026-3000{i:D2}", i % 3 == 0 ? "RO" : "BG", "screening",
                "DeadlineApproaching", i % 2 == 0 ? "asylum" : "reception", "warning", sentAt.AddMinutes(i)))
            .ToList();

        var tracked = await host.TrackActivity(TimeSpan.FromSeconds(60)).WaitForMessageToBeReceivedAt<UnitNotified[]>(host)
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async bus =>
            {
                foreach (var n in notifications)
                {
                    await bus.PublishAsync(n, new DeliveryOptions { TenantId = n.Country });
                }
            }));

        var store = host.Services.GetRequiredService<IDocumentStore>();
        var inboxes = new Dictionary<string, IReadOnlyList<UnitInboxItem>>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        // The first batch was awaited above; the others (the other country, the other unit queue) follow within the
        // gathering time.
        do
        {
            foreach (var country in new[] { "BG", "RO" })
            {
                await using var query = store.QuerySession(country);
                inboxes[country] = await query.Query<UnitInboxItem>().ToListAsync();
            }
            if (inboxes.Values.Sum(i => i.Count) == notifications.Count)
            {
                break;
            }
            await Task.Delay(50);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(10));

        foreach (var country in new[] { "BG", "RO" })
        {
            var expected = notifications.Where(n => n.Country == country)
                .Select(n => (n.CaseId, n.Unit, n.SentAt)).Order().ToList();
            Assert.Equal(expected, inboxes[country].Select(i => (i.CaseId, i.Unit, i.SentAt)).Order().ToList());
        }
        var batches = tracked.Received.MessagesOf<UnitNotified[]>().ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, batch => Assert.Single(batch.Select(n => n.Country).Distinct()));
        Assert.Contains(batches, batch => batch.Length > 1);
    }
}
