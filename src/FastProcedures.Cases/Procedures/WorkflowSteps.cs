using System.Text.Json.Serialization;
using FastProcedures.Workflows;

namespace FastProcedures.Cases.Procedures;

/// <summary>
/// A workflow event on a case stream: one effect of the engine's <c>Decide</c>, recorded with the workflow it belongs
/// to. The case's workflow state is rebuilt from these alone, which is what lets an auditor replay a case and compare.
/// </summary>
public interface IWorkflowStep
{
    string CaseId { get; }
    string Workflow { get; }
    DateTimeOffset At { get; }

    /// <summary>The effect, typed as the engine's: the event's own <c>Step</c>. Not serialized (<c>[JsonIgnore]</c> on
    /// each event), so a stored step event holds its effect once; events stored before that also hold it here, and
    /// read back the same.</summary>
    WorkflowEffect Effect { get; }
}

/// <summary>A procedure starts on the case, pinned to the definition's id, version and SHA-256 and to the country
/// calendar in force, so the case finishes under the rules it started with (DESIGN §3).</summary>
public sealed record WorkflowStarted(
    string CaseId, string Workflow, int Version, string Hash, string Country, int CalendarVersion, string CalendarSha256,
    string StartedOn, DateTimeOffset At);

/// <summary>The input the engine received when a scheduled deadline message woke the case and something was due.</summary>
public sealed record DeadlineReached(string CaseId, string Workflow, string Timer, int Generation, DateTimeOffset At);

/// <summary>
/// The case's country calendar changed (a day off decreed by government, Reg. 1182/71 Art. 2(1)): the running
/// deadlines are counted again, and the case records which calendar versions it moved between — never silently.
/// </summary>
public sealed record CalendarChanged(
    string CaseId, string Country, int FromVersion, string FromSha256, int ToVersion, string ToSha256, string RecordedBy,
    DateTimeOffset ChangedAt);

public sealed record DeadlineRescheduled(string CaseId, string Workflow, TimerRescheduled Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record WorkflowStageEntered(string CaseId, string Workflow, StageEntered Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record WorkflowStageLeft(string CaseId, string Workflow, StageLeft Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record CaseTaskOpened(string CaseId, string Workflow, TaskOpened Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record CaseTaskClosed(string CaseId, string Workflow, TaskClosed Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

/// <summary>The definition sent a message to a unit; the Wolverine message leaves in the same transaction.</summary>
public sealed record UnitMessageSent(string CaseId, string Workflow, MessageSent Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineStarted(string CaseId, string Workflow, TimerStarted Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineSuspended(string CaseId, string Workflow, TimerSuspended Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineResumed(string CaseId, string Workflow, TimerResumed Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineExtended(string CaseId, string Workflow, TimerExtended Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

/// <summary>The timer stopped: <c>Step.Met</c> says whether the limit was kept.</summary>
public sealed record DeadlineStopped(string CaseId, string Workflow, TimerStopped Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineWarned(string CaseId, string Workflow, TimerWarningDue Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public sealed record DeadlineBreached(string CaseId, string Workflow, TimerBreached Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

/// <summary>A window granted to the person (<c>kind: window</c>) ran out: not a breach (e.g. no appeal lodged in
/// the time of APR Art. 67(7)).</summary>
public sealed record DeadlineElapsed(string CaseId, string Workflow, TimerElapsed Step, DateTimeOffset At) : IWorkflowStep
{
    [JsonIgnore] public WorkflowEffect Effect => Step;
}

public static class WorkflowStep
{
    /// <summary>The case event that records an engine effect.</summary>
    public static IWorkflowStep Of(string caseId, string workflow, WorkflowEffect effect, DateTimeOffset at) => effect switch
    {
        StageEntered e => new WorkflowStageEntered(caseId, workflow, e, at),
        StageLeft e => new WorkflowStageLeft(caseId, workflow, e, at),
        TaskOpened e => new CaseTaskOpened(caseId, workflow, e, at),
        TaskClosed e => new CaseTaskClosed(caseId, workflow, e, at),
        MessageSent e => new UnitMessageSent(caseId, workflow, e, at),
        TimerStarted e => new DeadlineStarted(caseId, workflow, e, at),
        TimerSuspended e => new DeadlineSuspended(caseId, workflow, e, at),
        TimerResumed e => new DeadlineResumed(caseId, workflow, e, at),
        TimerExtended e => new DeadlineExtended(caseId, workflow, e, at),
        TimerRescheduled e => new DeadlineRescheduled(caseId, workflow, e, at),
        TimerStopped e => new DeadlineStopped(caseId, workflow, e, at),
        TimerWarningDue e => new DeadlineWarned(caseId, workflow, e, at),
        TimerBreached e => new DeadlineBreached(caseId, workflow, e, at),
        TimerElapsed e => new DeadlineElapsed(caseId, workflow, e, at),
        _ => throw new ArgumentException($"No case event records the effect {effect.GetType().Name}.", nameof(effect)),
    };

    /// <summary>Every step event type, for projections and Marten registration.</summary>
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(WorkflowStageEntered), typeof(WorkflowStageLeft), typeof(CaseTaskOpened), typeof(CaseTaskClosed),
        typeof(UnitMessageSent), typeof(DeadlineStarted), typeof(DeadlineSuspended), typeof(DeadlineResumed),
        typeof(DeadlineExtended), typeof(DeadlineRescheduled), typeof(DeadlineStopped), typeof(DeadlineWarned), typeof(DeadlineBreached),
        typeof(DeadlineElapsed),
    ];
}
