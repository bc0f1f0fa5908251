using System.Collections.Immutable;

namespace FastProcedures.Workflows;

public enum TimerStatus
{
    Running,
    Suspended,
    Breached,
    Stopped,
    /// <summary>A window (<c>kind: window</c>) ran out: not a breach.</summary>
    Elapsed,
}

/// <summary>A timer as decisions need it.</summary>
public sealed record TimerState(
    string Id,
    int Generation,
    TimerStatus Status,
    DateTimeOffset StartedAt,
    string Period,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? WarnAt,
    bool Warned,
    DateTimeOffset? SuspendedAt,
    ImmutableHashSet<string> ExtendedOn)
{
    public bool IsLive => Status is TimerStatus.Running or TimerStatus.Suspended;
}

/// <summary>
/// The workflow state of one case, rebuilt from effects only (<see cref="Apply"/>), so replaying the recorded events
/// through Decide reproduces the recorded effects exactly.
/// </summary>
public sealed record WorkflowState(
    string? Stage,
    ImmutableDictionary<string, TimerState> Timers,
    ImmutableDictionary<string, TaskOpened> OpenTasks)
{
    public static readonly WorkflowState Initial = new(null, ImmutableDictionary<string, TimerState>.Empty,
        ImmutableDictionary<string, TaskOpened>.Empty);

    public bool Started => Stage is not null;

    public WorkflowState Apply(WorkflowEffect effect) => effect switch
    {
        StageEntered e => this with { Stage = e.Stage },
        StageLeft => this,
        TaskOpened e => this with { OpenTasks = OpenTasks.SetItem(e.Task, e) },
        TaskClosed e => this with { OpenTasks = OpenTasks.Remove(e.Task) },
        MessageSent => this,
        TimerStarted e => WithTimer(new TimerState(e.Timer, e.Generation, TimerStatus.Running, e.StartedAt, e.Period,
            e.Schedule.ExpiresAt, e.Schedule.WarnAt, false, null, ImmutableHashSet<string>.Empty)),
        TimerSuspended e => WithTimer(Timers[e.Timer] with { Status = TimerStatus.Suspended, SuspendedAt = e.SuspendedAt }),
        TimerResumed e => WithTimer(Timers[e.Timer] with
        {
            Status = TimerStatus.Running, Generation = e.Generation, Period = e.Period, SuspendedAt = null,
            ExpiresAt = e.Schedule.ExpiresAt, WarnAt = e.Schedule.WarnAt, Warned = false,
        }),
        TimerExtended e => WithTimer(Timers[e.Timer] with
        {
            Generation = e.Generation, Period = e.Period, ExpiresAt = e.Schedule.ExpiresAt, WarnAt = e.Schedule.WarnAt,
            Warned = false, ExtendedOn = Timers[e.Timer].ExtendedOn.Add(e.OnEvent),
        }),
        TimerRescheduled e => WithTimer(Timers[e.Timer] with
        {
            Generation = e.Generation, ExpiresAt = e.Schedule.ExpiresAt, WarnAt = e.Schedule.WarnAt,
        }),
        TimerStopped e => WithTimer(Timers[e.Timer] with { Status = TimerStatus.Stopped }),
        TimerWarningDue e => WithTimer(Timers[e.Timer] with { Warned = true }),
        TimerBreached e => WithTimer(Timers[e.Timer] with { Status = TimerStatus.Breached }),
        TimerElapsed e => WithTimer(Timers[e.Timer] with { Status = TimerStatus.Elapsed }),
        _ => throw new ArgumentException($"Unknown workflow effect {effect.GetType().Name}", nameof(effect)),
    };

    public WorkflowState ApplyAll(IEnumerable<WorkflowEffect> effects) => effects.Aggregate(this, (s, e) => s.Apply(e));

    private WorkflowState WithTimer(TimerState timer) => this with { Timers = Timers.SetItem(timer.Id, timer) };
}
