using FastProcedures.Cases.Workflows;
using Wolverine;

namespace FastProcedures.Cases.Messages;

/// <summary>Turns what a decision recorded into Wolverine messages, inside the handler's transaction (outbox).</summary>
public static class CaseMessages
{
    public static async Task DispatchAsync<TCase>(
        CaseKind<TCase> kind, IMessageContext bus, TCase state, IReadOnlyList<object> events, CancellationToken cancellation)
        where TCase : class
    {
        var country = kind.Country(state);
        foreach (var e in events)
        {
            switch (e)
            {
                case UnitMessageSent sent:
                    var message = kind.TypedMessage(state, sent)
                        ?? new UnitNotified(sent.CaseId, country, sent.Workflow, sent.Step.Message, sent.Step.To, sent.Step.Reason, sent.At);
                    await SendAsync(bus, new UnitMessage(sent.Step.To, message), country, null);
                    break;
                case DeadlineStarted s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
                case DeadlineResumed s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
                case DeadlineExtended s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
            }
        }
        foreach (var notification in kind.Notifications(state, events))
        {
            await SendAsync(bus, notification, country, null);
        }
        cancellation.ThrowIfCancellationRequested();
    }

    private static async Task ScheduleAsync<TCase>(
        CaseKind<TCase> kind, IMessageContext bus, string country, string caseId, string workflow, string timer,
        int generation, FastProcedures.Workflows.TimerSchedule schedule) where TCase : class
    {
        if (schedule.WarnAt is { } warnAt)
        {
            await SendAsync(bus, new UnitMessage(kind.Unit,
                new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "warning", warnAt)), country, warnAt);
        }
        await SendAsync(bus, new UnitMessage(kind.Unit,
            new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "expiry", schedule.ExpiresAt)), country,
            schedule.ExpiresAt);
    }

    private static async Task SendAsync(IMessageContext bus, UnitMessage message, string country, DateTimeOffset? at)
    {
        var options = new DeliveryOptions { TenantId = country };
        if (at is { } time)
        {
            options.ScheduledTime = time;
        }
        await bus.EndpointFor(message.Unit).SendAsync(message.Message, options);
    }
}
