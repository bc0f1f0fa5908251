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
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, s.At);
                    break;
                case DeadlineResumed s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, s.At);
                    break;
                case DeadlineRescheduled s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, s.At);
                    break;
                case DeadlineExtended s:
                    await ScheduleAsync(kind, bus, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, s.At);
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
        int generation, FastProcedures.Workflows.TimerSchedule schedule, DateTimeOffset now) where TCase : class
    {
        if (schedule.WarnAt is { } warnAt)
        {
            await SendAsync(bus, new UnitMessage(kind.Unit,
                new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "warning", warnAt)), country, warnAt - now);
        }
        await SendAsync(bus, new UnitMessage(kind.Unit,
            new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "expiry", schedule.ExpiresAt)), country,
            schedule.ExpiresAt - now);
    }

    /// <summary><paramref name="delay"/>: how long after the decision's <c>now</c> the message falls due. Scheduling by
    /// delay rather than by instant keeps deadlines right when the decision clock is not the wall clock (simulation).</summary>
    private static async Task SendAsync(IMessageContext bus, UnitMessage message, string country, TimeSpan? delay)
    {
        var options = new DeliveryOptions { TenantId = country };
        if (delay is { } wait && wait > TimeSpan.Zero)
        {
            options.ScheduleDelay = wait;
        }
        await bus.EndpointFor(message.Unit).SendAsync(message.Message, options);
    }
}
