using System.Text.Json.Serialization;
using FastProcedures.Workflows.Clock;

namespace FastProcedures.Workflows;

/// <summary>What a decision changes. The cases layer stores each effect as an event on the case's stream and turns
/// messages and timer schedules into Wolverine messages; <see cref="WorkflowState"/> is rebuilt from effects alone.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(StageEntered), nameof(StageEntered))]
[JsonDerivedType(typeof(StageLeft), nameof(StageLeft))]
[JsonDerivedType(typeof(TaskOpened), nameof(TaskOpened))]
[JsonDerivedType(typeof(TaskClosed), nameof(TaskClosed))]
[JsonDerivedType(typeof(MessageSent), nameof(MessageSent))]
[JsonDerivedType(typeof(TimerStarted), nameof(TimerStarted))]
[JsonDerivedType(typeof(TimerSuspended), nameof(TimerSuspended))]
[JsonDerivedType(typeof(TimerResumed), nameof(TimerResumed))]
[JsonDerivedType(typeof(TimerExtended), nameof(TimerExtended))]
[JsonDerivedType(typeof(TimerRescheduled), nameof(TimerRescheduled))]
[JsonDerivedType(typeof(TimerStopped), nameof(TimerStopped))]
[JsonDerivedType(typeof(TimerWarningDue), nameof(TimerWarningDue))]
[JsonDerivedType(typeof(TimerBreached), nameof(TimerBreached))]
[JsonDerivedType(typeof(TimerElapsed), nameof(TimerElapsed))]
public abstract record WorkflowEffect;

public sealed record StageEntered(string Stage, string? Unit) : WorkflowEffect;

public sealed record StageLeft(string Stage) : WorkflowEffect;

public sealed record TaskOpened(string Task, string Title, string Unit, string? DueTimer) : WorkflowEffect;

/// <summary><c>Completed</c> false: the task was closed because its stage was left.</summary>
public sealed record TaskClosed(string Task, bool Completed, string Reason) : WorkflowEffect;

public sealed record MessageSent(string Message, string To, string Reason) : WorkflowEffect;

/// <summary>When a running timer expires and warns, and why that instant (the clock's explanation and calendar).</summary>
public sealed record TimerSchedule(
    DateTimeOffset ExpiresAt,
    DateTimeOffset? WarnAt,
    DateOnly? LastDay,
    IReadOnlyList<DeadlineStep> Explanation,
    string Country,
    int CalendarVersion,
    string CalendarSha256);

/// <summary>A timer starts. <c>Generation</c> grows with every (re)computation so stale scheduled messages are
/// recognised.</summary>
public sealed record TimerStarted(
    string Timer, int Generation, DateTimeOffset StartedAt, string Period, bool WorkingDays, string LegalBasis,
    TimerSchedule Schedule) : WorkflowEffect
{
    /// <summary>A period granted to the person (<c>kind: window</c>), not a limit on the authority: it elapses, it is
    /// never breached. Left out of the stored JSON when false, so limits record what they always recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Window { get; init; }
}

public sealed record TimerSuspended(string Timer, int Generation, DateTimeOffset SuspendedAt, string OnEvent) : WorkflowEffect;

/// <summary>The timer runs again; its period is lengthened by the whole days it stood suspended.</summary>
public sealed record TimerResumed(
    string Timer, int Generation, DateTimeOffset ResumedAt, int SuspendedDays, string Period, TimerSchedule Schedule)
    : WorkflowEffect;

public sealed record TimerExtended(
    string Timer, int Generation, string OnEvent, string Period, string LegalBasis, TimerSchedule Schedule)
    : WorkflowEffect;

/// <summary>The country calendar changed (e.g. a day off decreed by government): the running timer's expiry and
/// warning are counted again under Reg. 1182/71 Art. 3(4) with the new holidays; the period is unchanged.</summary>
public sealed record TimerRescheduled(string Timer, int Generation, string Reason, TimerSchedule Schedule) : WorkflowEffect;

/// <summary><c>Met</c>: stopped before its expiry (the limit was kept, or the window used in time); false when stopped
/// after a breach or after the window elapsed.</summary>
public sealed record TimerStopped(string Timer, int Generation, DateTimeOffset StoppedAt, string OnEvent, bool Met) : WorkflowEffect
{
    /// <summary>The timer is a window (<see cref="TimerStarted.Window"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Window { get; init; }
}

public sealed record TimerWarningDue(string Timer, int Generation, DateTimeOffset ExpiresAt) : WorkflowEffect;

public sealed record TimerBreached(string Timer, int Generation, DateTimeOffset ExpiredAt, string LegalBasis) : WorkflowEffect;

/// <summary>A window (<c>kind: window</c>) ran out: the period granted to the person to act (e.g. to appeal, APR Art.
/// 67(7)) passed without the act that stops it. Not a breach by the authority: its actions run, nothing escalates and
/// no KPI counts it as a limit missed.</summary>
public sealed record TimerElapsed(string Timer, int Generation, DateTimeOffset ElapsedAt, string LegalBasis) : WorkflowEffect;
