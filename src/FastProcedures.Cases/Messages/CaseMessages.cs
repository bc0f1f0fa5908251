using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Messages;

/// <summary>A message a decision sends, and when it falls due (null: at once).</summary>
public sealed record PlannedMessage(UnitMessage Message, DateTimeOffset? DueAt);

/// <summary>Turns what a decision recorded into the messages it sends: to other units, and the deadline messages
/// scheduled for each timer's warning and expiry. Returned as values; Wolverine sends them from its outbox.</summary>
public static class CaseMessages
{
    public static OutgoingMessages For<TCase>(CaseKind<TCase> kind, WorkflowCatalog catalog, TCase state, IReadOnlyList<object> events, DateTimeOffset now)
        where TCase : class, ICase
    {
        var messages = new OutgoingMessages();
        foreach (var planned in Plan(kind, catalog, state, events))
        {
            Send(messages, planned.Message, state.Country, planned.DueAt is { } dueAt ? dueAt - now : null);
        }
        return messages;
    }

    /// <summary>The messages as plain values, each with the instant it falls due (none: at once); the in-memory case
    /// runner delivers these itself, Wolverine gets them through <see cref="For{TCase}"/>.</summary>
    public static IReadOnlyList<PlannedMessage> Plan<TCase>(CaseKind<TCase> kind, WorkflowCatalog catalog, TCase state, IReadOnlyList<object> events)
        where TCase : class, ICase
    {
        var country = state.Country;
        var messages = new List<PlannedMessage>();
        foreach (var e in events)
        {
            switch (e)
            {
                case UnitMessageSent sent:
                    var message = kind.TypedMessage(catalog, state, sent)
                        ?? new UnitNotified(sent.CaseId, country, sent.Workflow, sent.Step.Message, sent.Step.To, sent.Step.Reason, sent.At);
                    messages.Add(new PlannedMessage(new UnitMessage(sent.Step.To, message), null));
                    break;
                case DeadlineStarted s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
                case DeadlineResumed s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
                case DeadlineRescheduled s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
                case DeadlineExtended s:
                    Schedule(kind, messages, country, s.CaseId, s.Workflow, s.Step.Timer, s.Step.Generation, s.Step.Schedule);
                    break;
            }
        }
        messages.AddRange(kind.Notifications(state, events).Select(n => new PlannedMessage(n, null)));
        return messages;
    }

    private static void Schedule<TCase>(
        CaseKind<TCase> kind, List<PlannedMessage> messages, string country, string caseId, string workflow, string timer,
        int generation, FastProcedures.Workflows.TimerSchedule schedule) where TCase : class, ICase
    {
        if (schedule.WarnAt is { } warnAt)
        {
            messages.Add(new PlannedMessage(new UnitMessage(kind.Unit,
                new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "warning", warnAt)), warnAt));
        }
        messages.Add(new PlannedMessage(new UnitMessage(kind.Unit,
            new DeadlineDue(caseId, country, kind.Name, workflow, timer, generation, "expiry", schedule.ExpiresAt)), schedule.ExpiresAt));
    }

    /// <summary><paramref name="delay"/>: how long after the decision's <c>now</c> the message falls due. Scheduling by
    /// delay rather than by instant keeps deadlines right when the decision clock is not the wall clock (simulation).
    /// No queue is named here: Wolverine's routing rules send each message type to its unit (see Configuration).</summary>
    private static void Send(OutgoingMessages messages, UnitMessage message, string country, TimeSpan? delay)
    {
        var options = new DeliveryOptions { TenantId = country };
        if (delay is { } wait && wait > TimeSpan.Zero)
        {
            options.ScheduleDelay = wait;
        }
        messages.Add(message.Message, options);
    }
}
