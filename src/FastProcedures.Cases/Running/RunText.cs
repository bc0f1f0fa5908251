using System.Globalization;
using FastProcedures.Workflows;

namespace FastProcedures.Cases.Running;

/// <summary>What an engine effect means, in one line a lawyer can read.</summary>
public static class RunText
{
    public static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    public static string Describe(WorkflowEffect effect) => effect switch
    {
        StageEntered e => $"stage {e.Stage} entered{(e.Unit is { } u ? $" (unit {u})" : "")}",
        StageLeft e => $"stage {e.Stage} left",
        TaskOpened e => $"task {e.Task} opened for {e.Unit}{(e.DueTimer is { } t ? $", due by timer {t}" : "")}",
        TaskClosed e => e.Completed ? $"task {e.Task} done ({e.Reason})" : $"task {e.Task} closed unfinished ({e.Reason})",
        MessageSent e => $"message {e.Message} sent to {e.To} ({e.Reason})",
        TimerStarted { Window: true } e => $"window {e.Timer} opened, {e.Period}{(e.WorkingDays ? " working days" : "")}, ends {Instant(e.Schedule.ExpiresAt)} ({e.LegalBasis})",
        TimerStarted e => $"timer {e.Timer} started, {e.Period}{(e.WorkingDays ? " working days" : "")}, expires {Instant(e.Schedule.ExpiresAt)} ({e.LegalBasis})",
        TimerSuspended e => $"timer {e.Timer} suspended",
        TimerResumed e => $"timer {e.Timer} resumed after {e.SuspendedDays} day(s) suspended, now {e.Period}, expires {Instant(e.Schedule.ExpiresAt)}",
        TimerExtended e => $"timer {e.Timer} extended to {e.Period}, expires {Instant(e.Schedule.ExpiresAt)} ({e.LegalBasis})",
        TimerRescheduled e => $"timer {e.Timer} counted again, expires {Instant(e.Schedule.ExpiresAt)}",
        TimerStopped { Window: true } e => $"window {e.Timer} stopped, {(e.Met ? "used in time" : "after it elapsed")} ({e.OnEvent})",
        TimerStopped e => $"timer {e.Timer} stopped, {(e.Met ? "limit kept" : "after its breach")} ({e.OnEvent})",
        TimerWarningDue e => $"WARNING timer {e.Timer} expires {Instant(e.ExpiresAt)}",
        TimerBreached e => $"BREACH timer {e.Timer} expired {Instant(e.ExpiredAt)} ({e.LegalBasis})",
        TimerElapsed e => $"ELAPSED window {e.Timer} ran out {Instant(e.ElapsedAt)}, no breach ({e.LegalBasis})",
        _ => effect.ToString(),
    };
}
