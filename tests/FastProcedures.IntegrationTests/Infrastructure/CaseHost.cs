using Alba;
using FastProcedures.Cases;
using FastProcedures.Cases.Procedures;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;
using Wolverine.Tracking;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>Sends commands as a unit would (tenant = country) and waits for every message they cascade.</summary>
public static class CaseHost
{
    public static async Task<CaseChange> SendAsync(this IAlbaHost host, string country, object command)
    {
        CaseChange? change = null;
        await host.TrackActivity(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(async bus => change = await bus.InvokeForTenantAsync<CaseChange>(country, command)));
        return change!;
    }

    /// <summary>Sends a command and returns what Wolverine recorded around it (sent, scheduled, handled messages).</summary>
    public static async Task<(CaseChange Change, ITrackedSession Tracked)> SendTrackedAsync(this IAlbaHost host, string country, object command)
    {
        CaseChange? change = null;
        var tracked = await host.TrackActivity(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(async bus => change = await bus.InvokeForTenantAsync<CaseChange>(country, command)));
        return (change!, tracked);
    }

    /// <summary>The messages of type <typeparamref name="T"/> Wolverine holds scheduled in its durable inbox, read back
    /// through its own message store and serializer, each with its tenant and the instant it is scheduled for.</summary>
    public static async Task<IReadOnlyList<(T Message, string? TenantId, DateTimeOffset? ScheduledAt)>> ScheduledAsync<T>(this IAlbaHost host)
    {
        var runtime = host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>();
        var incoming = await runtime.Storage.Admin.AllIncomingAsync();
        // Only envelopes of this message type: the serializer would read any JSON into a T of default values.
        var messageType = Wolverine.Util.WolverineMessageNaming.ToMessageTypeName(typeof(T));
        return incoming
            .Where(e => e.Status == Wolverine.EnvelopeStatus.Scheduled && e.MessageType == messageType)
            .Select(e => ((T)runtime.Options.DefaultSerializer!.ReadFromData(typeof(T), e), e.TenantId, e.ScheduledTime))
            .ToList();
    }

    /// <summary>Delivers a message to its handler as the queue would, and waits for what it cascades.</summary>
    public static Task DeliverAsync(this IAlbaHost host, string country, object message) =>
        host.TrackActivity(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync(country, message)));

    public static async Task<IReadOnlyList<IEvent>> StreamAsync(this IAlbaHost host, string country, string caseId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession(country);
        return await session.Events.FetchStreamAsync(caseId);
    }

    public static async Task<T?> LoadAsync<T>(this IAlbaHost host, string country, string id) where T : notnull
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession(country);
        return await session.LoadAsync<T>(id);
    }

    public static IEnumerable<IWorkflowStep> Steps(this IEnumerable<IEvent> events) => events.Select(e => e.Data).OfType<IWorkflowStep>();
}
