using Alba;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Tracking;

namespace FastProcedures.IntegrationTests.Spine;

public sealed record SpineProbeRecorded(string CaseId, string Note);

public sealed record PingReception(string CaseId);

/// <summary>Written by the handler so the test can see the durable queue delivered the message.</summary>
public sealed class PingReceived
{
    public string Id { get; set; } = "";
    public string Queue { get; set; } = "";
}

public static class PingReceptionHandler
{
    public static IMartenOp Handle(PingReception message, Envelope envelope) =>
        MartenOps.Store(new PingReceived { Id = message.CaseId, Queue = envelope.Destination?.ToString() ?? "" });
}

public sealed class when_events_and_messages_go_through_postgres(DatabaseFixture database)
    : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await database.StartHostAsync(opts => opts.PublishMessage<PingReception>().ToLocalQueue("reception"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task events_appended_to_a_case_stream_are_read_back_in_order()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession("BG"))
        {
            session.Events.StartStream("BG-2026-000001",
                new SpineProbeRecorded("BG-2026-000001", "first"), new SpineProbeRecorded("BG-2026-000001", "second"));
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession("BG");
        var events = await query.Events.FetchStreamAsync("BG-2026-000001");

        Assert.Equal(["first", "second"], events.Select(e => ((SpineProbeRecorded)e.Data).Note));
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
    }

    [Fact]
    public async Task a_stream_of_one_country_is_invisible_to_the_other()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession("RO"))
        {
            session.Events.StartStream("RO-2026-000007", new SpineProbeRecorded("RO-2026-000007", "ro only"));
            await session.SaveChangesAsync();
        }

        await using var bulgaria = store.QuerySession("BG");
        Assert.Empty(await bulgaria.Events.FetchStreamAsync("RO-2026-000007"));
    }

    [Fact]
    public async Task a_message_sent_to_the_reception_queue_is_handled_from_the_durable_queue()
    {
        var tracked = await _host.TrackActivity(TimeSpan.FromSeconds(30))
            .SendMessageAndWaitAsync(new PingReception("BG-2026-000042"));

        var envelope = tracked.Received.SingleEnvelope<PingReception>();
        Assert.Equal("local://reception/", envelope.Destination?.ToString());

        var store = _host.Services.GetRequiredService<IDocumentStore>();
        await using var query = store.QuerySession();
        var received = await query.LoadAsync<PingReceived>("BG-2026-000042");
        Assert.NotNull(received);
        Assert.Equal("local://reception/", received.Queue);
    }

    [Fact]
    public async Task health_answers_200_when_postgresql_answers()
    {
        await _host.Scenario(s =>
        {
            s.Get.Url("/health");
            s.StatusCodeShouldBeOk();
        });
    }
}
