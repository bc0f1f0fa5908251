using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using NodaTime;

namespace FastProcedures.Workflows;

/// <summary>
/// The one decision function: (definition, state, event, now, context) -> effects. Pure and deterministic — no clock
/// read, no randomness, no I/O — so an auditor replaying a case's events with the pinned definition and calendar
/// gets the recorded effects again.
/// </summary>
public static class WorkflowEngine
{
    public static IReadOnlyList<WorkflowEffect> Decide(
        WorkflowDefinition definition, WorkflowState state, WorkflowEvent @event, DateTimeOffset now, DecisionContext context) =>
        new Decision(definition, state, now, context).Run(@event);

    private sealed class Decision(WorkflowDefinition definition, WorkflowState state, DateTimeOffset now, DecisionContext context)
    {
        private readonly List<WorkflowEffect> _effects = [];
        private WorkflowState _state = state;
        private WorkflowEvent _event = WorkflowEvent.Started();

        public IReadOnlyList<WorkflowEffect> Run(WorkflowEvent @event)
        {
            _event = @event;
            if (@event.Type == WorkflowEvents.WorkflowStarted)
            {
                if (!_state.Started)
                {
                    Enter(definition.Initial, "workflow started");
                    StartSuspendResumeExtend(@event);
                }
            }
            else if (_state.Started && @event.Type == WorkflowEvents.CalendarChanged)
            {
                Reschedule();
            }
            else if (_state.Started && @event.Type != WorkflowEvents.DeadlineReached)
            {
                StopTimers(@event);
                Transition(@event);
                CloseTasks(@event);
                StartSuspendResumeExtend(@event);
            }
            if (_state.Started)
            {
                EmitDue();
            }
            return _effects;
        }

        private void Emit(WorkflowEffect effect)
        {
            _effects.Add(effect);
            _state = _state.Apply(effect);
        }

        private void StopTimers(WorkflowEvent @event)
        {
            foreach (var timer in definition.Timers.Where(t => t.StopsOn.Contains(@event.Type)
                         && (!t.StopsWhen.TryGetValue(@event.Type, out var guard) || guard.Holds(@event.Data))))
            {
                if (_state.Timers.TryGetValue(timer.Id, out var running) && running.Status != TimerStatus.Stopped)
                {
                    Emit(new TimerStopped(timer.Id, running.Generation, now, @event.Type,
                        Met: running.Status is not (TimerStatus.Breached or TimerStatus.Elapsed)) { Window = timer.Window });
                }
            }
        }

        private void Transition(WorkflowEvent @event)
        {
            var stage = definition.Stage(_state.Stage!);
            if (!stage.On.TryGetValue(@event.Type, out var transitions))
            {
                return;
            }
            var chosen = transitions.FirstOrDefault(t => t.When is null || t.When.Holds(@event.Data));
            if (chosen is null)
            {
                return;
            }
            foreach (var send in chosen.Send)
            {
                Emit(new MessageSent(send.Message, send.To, $"{@event.Type} in stage {stage.Id}"));
            }
            if (chosen.Goto is { } target)
            {
                Move(target, $"{@event.Type} in stage {stage.Id}");
            }
        }

        /// <summary>Running timers counted again with the decision context's calendar; only changed ones are emitted.
        /// Suspended timers are counted again when they resume.</summary>
        private void Reschedule()
        {
            foreach (var live in _state.Timers.Values.Where(t => t.Status == TimerStatus.Running)
                         .OrderBy(t => t.Id, StringComparer.Ordinal).ToList())
            {
                var timer = definition.Timers.First(t => t.Id == live.Id);
                var schedule = Schedule(timer, live.StartedAt, LegalPeriod.Parse(live.Period, timer.WorkingDays));
                if (schedule.ExpiresAt != live.ExpiresAt || schedule.WarnAt != live.WarnAt)
                {
                    Emit(new TimerRescheduled(timer.Id, live.Generation + 1,
                        $"calendar {schedule.Country} version {schedule.CalendarVersion}", schedule));
                }
            }
        }

        private void CloseTasks(WorkflowEvent @event)
        {
            if (_state.OpenTasks.IsEmpty || !AnyTaskClosesOn(@event.Type))
            {
                return;
            }
            foreach (var open in _state.OpenTasks.Values.OrderBy(t => t.Task, StringComparer.Ordinal).ToList())
            {
                var task = definition.Stages.SelectMany(s => s.Tasks).First(t => t.Id == open.Task);
                if (task.ClosesOn.Contains(@event.Type))
                {
                    Emit(new TaskClosed(task.Id, Completed: true, @event.Type));
                }
            }
        }

        private bool AnyTaskClosesOn(string type)
        {
            foreach (var stage in definition.Stages)
            {
                foreach (var task in stage.Tasks)
                {
                    if (task.ClosesOn.Contains(type))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private void StartSuspendResumeExtend(WorkflowEvent @event)
        {
            foreach (var timer in definition.Timers)
            {
                _state.Timers.TryGetValue(timer.Id, out var current);
                if (timer.StartsOn.Contains(@event.Type) && current is not { IsLive: true }
                    && !definition.Stage(_state.Stage!).Final
                    && (timer.StartsWhen is null || timer.StartsWhen.Holds(@event.Data)))
                {
                    StartTimer(timer, current);
                    continue;
                }
                if (current is null)
                {
                    continue;
                }
                if (timer.SuspendsOn.Contains(@event.Type) && current.Status == TimerStatus.Running)
                {
                    Emit(new TimerSuspended(timer.Id, current.Generation, now, @event.Type));
                }
                else if (timer.ResumesOn.Contains(@event.Type) && current.Status == TimerStatus.Suspended)
                {
                    // The time the clock stood still is given back in whole calendar days (a started day counts):
                    // the period is lengthened by them and counted again from the original start.
                    var suspendedDays = WholeDays(current.SuspendedAt!.Value, now);
                    var period = LegalPeriod.Parse(current.Period, timer.WorkingDays);
                    var lengthened = period.IsHours ? period : period.PlusDays(suspendedDays);
                    Emit(new TimerResumed(timer.Id, current.Generation + 1, now, suspendedDays, lengthened.ToString(),
                        Schedule(timer, current.StartedAt, lengthened)));
                }
                foreach (var extension in timer.Extensions.Where(e => e.On == @event.Type))
                {
                    var live = _state.Timers[timer.Id];
                    if (!live.IsLive || live.ExtendedOn.Contains(extension.On)
                        || (extension.When is not null && !extension.When.Holds(@event.Data)))
                    {
                        continue;
                    }
                    var period = LegalPeriod.Parse(live.Period, timer.WorkingDays);
                    var extended = extension.To ?? period.Plus(extension.By!);
                    if (extended.ComparableLength > extension.Max.ComparableLength)
                    {
                        extended = extension.Max;
                    }
                    Emit(new TimerExtended(timer.Id, live.Generation + 1, extension.On, extended.ToString(),
                        extension.LegalBasis, Schedule(timer, live.StartedAt, extended)));
                }
            }
        }

        /// <summary>Warnings, breaches and elapsed windows due at <c>now</c> and not yet emitted, in the order they fell due.</summary>
        private void EmitDue()
        {
            if (!AnyDue())
            {
                return;
            }
            var due = _state.Timers.Values
                .Where(t => t.Status == TimerStatus.Running)
                .SelectMany(t => new[]
                {
                    (Timer: t, At: t.WarnAt, Breach: false),
                    (Timer: t, At: (DateTimeOffset?)t.ExpiresAt, Breach: true),
                })
                .Where(x => x.At is { } at && at <= now && (x.Breach || !x.Timer.Warned))
                .OrderBy(x => x.At).ThenBy(x => x.Timer.Id, StringComparer.Ordinal).ThenBy(x => x.Breach)
                .ToList();
            foreach (var (timerState, _, breach) in due)
            {
                var live = _state.Timers[timerState.Id];
                if (live.Status != TimerStatus.Running)
                {
                    continue;
                }
                var timer = definition.Timers.First(t => t.Id == live.Id);
                if (!breach)
                {
                    if (!live.Warned && live.ExpiresAt > now)
                    {
                        Emit(new TimerWarningDue(timer.Id, live.Generation, live.ExpiresAt));
                        Act(timer.OnWarning, $"warning of {timer.Id}");
                    }
                    continue;
                }
                if (timer.Window)
                {
                    // A period granted to the person ran out: its consequences follow, but no limit was missed.
                    Emit(new TimerElapsed(timer.Id, live.Generation, live.ExpiresAt, timer.LegalBasis));
                    Act(timer.OnBreach, $"{timer.Id} elapsed ({timer.LegalBasis})");
                    continue;
                }
                Emit(new TimerBreached(timer.Id, live.Generation, live.ExpiresAt, timer.LegalBasis));
                Act(timer.OnBreach, $"breach of {timer.Id} ({timer.LegalBasis})");
            }
        }

        /// <summary>Most decisions have nothing due: one pass without allocation answers that before sorting.</summary>
        private bool AnyDue()
        {
            foreach (var (_, t) in _state.Timers)
            {
                if (t.Status == TimerStatus.Running && (t.ExpiresAt <= now || (!t.Warned && t.WarnAt is { } warn && warn <= now)))
                {
                    return true;
                }
            }
            return false;
        }

        private void Act(IReadOnlyList<TimerAction> actions, string reason)
        {
            foreach (var action in actions)
            {
                if (action.Send is { } send)
                {
                    Emit(new MessageSent(send.Message, send.To, reason));
                }
                if (action.Goto is { } target)
                {
                    Move(target, reason);
                }
            }
        }

        private void Move(string target, string reason)
        {
            var from = _state.Stage!;
            foreach (var open in _state.OpenTasks.IsEmpty ? [] : _state.OpenTasks.Keys.Order(StringComparer.Ordinal).ToList())
            {
                Emit(new TaskClosed(open, Completed: false, $"stage {from} left"));
            }
            Emit(new StageLeft(from));
            Enter(target, reason);
        }

        private void Enter(string stageId, string reason)
        {
            var stage = definition.Stage(stageId);
            Emit(new StageEntered(stage.Id, stage.Unit));
            if (stage.Final)
            {
                // A closed procedure keeps no limit running.
                foreach (var live in _state.Timers.Values.Where(t => t.IsLive).OrderBy(t => t.Id, StringComparer.Ordinal).ToList())
                {
                    Emit(new TimerStopped(live.Id, live.Generation, now, $"stage {stage.Id} reached", Met: true)
                    {
                        Window = definition.Timers.First(t => t.Id == live.Id).Window,
                    });
                }
            }
            foreach (var task in stage.Tasks)
            {
                Emit(new TaskOpened(task.Id, task.Title, task.Unit, task.Due));
            }
            if (!stage.Final)
            {
                foreach (var timer in definition.Timers.Where(t => t.StartsOnEntering.Contains(stage.Id)))
                {
                    _state.Timers.TryGetValue(timer.Id, out var current);
                    if (current is not { IsLive: true })
                    {
                        StartTimer(timer, current);
                    }
                }
            }
            foreach (var send in stage.SendOnEntry)
            {
                Emit(new MessageSent(send.Message, send.To, $"entering {stage.Id} ({reason})"));
            }
        }

        private void StartTimer(TimerDefinition timer, TimerState? current)
        {
            var period = definition.PeriodOf(timer, context.Calendar.Parameters, _event.Data);
            var from = CountsFrom(timer);
            Emit(new TimerStarted(timer.Id, (current?.Generation ?? 0) + 1, from, period.ToString(), timer.WorkingDays,
                timer.LegalBasis, Schedule(timer, from, period)) { Window = timer.Window });
        }

        /// <summary>The instant the period counts from: the starting event's instant, or what <c>counts-from</c> names
        /// (an instant the event carries, plus <c>after</c>; or another timer's start), moved back by the whole days
        /// <c>deducts-days</c> names.</summary>
        private DateTimeOffset CountsFrom(TimerDefinition timer)
        {
            var from = now;
            if (timer.CountsFrom is { Field: { } field } byField && CarriedInstant(_event.Data, field) is { } carried)
            {
                from = byField.After is { } after ? LegalClock.After(carried, after, context.Calendar) : carried;
            }
            else if (timer.CountsFrom is { Timer: { } other } && _state.Timers.TryGetValue(other, out var otherTimer))
            {
                from = otherTimer.StartedAt;
            }
            if (timer.DeductsDays is { } served && _event.Data.TryGetValue(served, out var days) && days is not null
                && Convert.ToInt32(days, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var n)
            {
                from = Instant.FromDateTimeOffset(from).InZone(context.Calendar.Zone).LocalDateTime.PlusDays(-n)
                    .InZoneLeniently(context.Calendar.Zone).ToDateTimeOffset();
            }
            return from;
        }

        private static DateTimeOffset? CarriedInstant(IReadOnlyDictionary<string, object?> data, string field) =>
            data.TryGetValue(field, out var value) ? value switch
            {
                DateTimeOffset at => at,
                DateTime at => new DateTimeOffset(at),
                string text when DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var at) => at,
                _ => null,
            } : null;

        private TimerSchedule Schedule(TimerDefinition timer, DateTimeOffset startedAt, LegalPeriod period)
        {
            var calendar = context.Calendar;
            var deadline = LegalClock.Expiry(startedAt, period, calendar, timer.ShiftLastDay);
            DateTimeOffset? warnAt = timer.WarnBefore is { } before ? LegalClock.Before(deadline.ExpiresAt, before, calendar) : null;
            return new TimerSchedule(deadline.ExpiresAt, warnAt, deadline.LastDay, deadline.Steps, deadline.Country,
                deadline.CalendarVersion, deadline.CalendarSha256);
        }

        private int WholeDays(DateTimeOffset from, DateTimeOffset to)
        {
            var zone = context.Calendar.Zone;
            var first = Instant.FromDateTimeOffset(from).InZone(zone).Date;
            var last = Instant.FromDateTimeOffset(to).InZone(zone).Date;
            return Math.Max(0, Period.Between(first, last, PeriodUnits.Days).Days);
        }
    }
}
