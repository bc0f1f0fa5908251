using FastProcedures.Cases.Workflows;
using Wolverine;

namespace FastProcedures.Cases.Messages;

/// <summary>Turns what a decision recorded into the messages it sends: to other units, and the deadline messages
/// scheduled for each timer's warning and expiry. Returned as values; Wolverine sends them from its outbox.</summary>
public static class CaseMessages
{
    public static OutgoingMessages For<TCase>(CaseKind<TCase> kind, WorkflowCatalog catalog, TCase state, IReadOnlyList<object> events, DateTimeOffset now)
        where TCase : class
    {
        var country = kind.Country(state);
        var messages = new OutgoingMessages();
        foreach (var e in events)
        {
            switch (e)
            {
                case UnitMessageSent sent:
                    var message = kind.TypedMessage(catalog, state, sent)
                        ?? new UnitNotified(sent.CaseId, country, sent.Workflow, sent.Step.Message, sent.Step.To, sent.Step.Reason, sent.At);
                    Send(messages, new UnitMessage(sent.Step.To, message), country, null);
                    break;
                case DeadlineStarted s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, now);
                    break;
                case DeadlineResumed s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, now);
                    break;
                case DeadlineRescheduled s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, now);
                    break;
                case DeadlineExtended s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule, now);
                    break;
            }
        }
        foreach (var notification in kind.Notifications(state, events))
        {
            Send(messages, notification, country, null);
        }
        return messages;
    }

    private static void Schedule<TCase>(
        CaseKind<TCase> kind, OutgoingMessages messages, string country, string caseId, string workflow, string timer,
        int generation, FastProcedures.Workflows.TimerSchedule schedule, DateTimeOffset now) where TCase : class
    {
        if (schedule.WarnAt is { } warnAt)
        {
            Send(messages, new UnitMessage(kind.Unit,
                new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "warning", warnAt)), country, warnAt - now);
        }
        Send(messages, new UnitMessage(kind.Unit,
            new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "expiry", schedule.ExpiresAt)), country,
            schedule.ExpiresAt - now);
    }

    /// <summary><paramref name="delay"/>: how long after the decision's <c>now</c> the message falls due. Scheduling by
    /// delay rather than by instant keeps deadlines right when the decision clock is not the wall clock (simulation).
    /// The unit comes from the definition (<c>send.to</c>) or the case kind, so it is data, not a literal.</summary>
    private static void Send(OutgoingMessages messages, UnitMessage message, string country, TimeSpan? delay)
    {
        var options = new DeliveryOptions { TenantId = country };
        if (delay is { } wait && wait > TimeSpan.Zero)
        {
            options.ScheduleDelay = wait;
        }
        messages.ToEndpoint(message.Message, message.Unit, options);
    }
}
