using System.Collections.Immutable;
using FastProcedures.Workflows;

namespace FastProcedures.Cases.Procedures;

/// <summary>One procedure running on a case, pinned to its definition version and hash.</summary>
public sealed record WorkflowInstance(string Id, int Version, string Hash, WorkflowState State);

/// <summary>A running timer of a case, across all its workflows.</summary>
public sealed record RunningDeadline(string Workflow, TimerState Timer);

/// <summary>
/// The workflows of one case (e.g. screening, then border-procedure beside ammr-responsibility), rebuilt from the
/// case's <see cref="WorkflowStarted"/> and <see cref="IWorkflowStep"/> events only.
/// </summary>
public sealed record CaseWorkflows(ImmutableSortedDictionary<string, WorkflowInstance> Instances)
{
    /// <summary>The country calendar the case's deadlines are counted with (version and SHA-256).</summary>
    public int CalendarVersion { get; init; }

    public string CalendarSha256 { get; init; } = "";

    public static readonly CaseWorkflows None = new(ImmutableSortedDictionary.Create<string, WorkflowInstance>(StringComparer.Ordinal));

    public CaseWorkflows Apply(object @event) => @event switch
    {
        WorkflowStarted started => this with
        {
            Instances = Instances.SetItem(started.Workflow,
                new WorkflowInstance(started.Workflow, started.Version, started.Hash, WorkflowState.Initial)),
            CalendarVersion = started.CalendarVersion,
            CalendarSha256 = started.CalendarSha256,
        },
        CalendarChanged changed => this with { CalendarVersion = changed.ToVersion, CalendarSha256 = changed.ToSha256 },
        IWorkflowStep step when Instances.TryGetValue(step.Workflow, out var instance) => this with
        {
            Instances = Instances.SetItem(step.Workflow, instance with { State = instance.State.Apply(step.Effect) }),
        },
        IWorkflowStep step => throw new InvalidOperationException(
            $"Case {step.CaseId}: a {step.GetType().Name} of workflow {step.Workflow} comes before that workflow started."),
        _ => this,
    };

    public bool Has(string workflow) => Instances.ContainsKey(workflow);

    /// <summary>Timers running or suspended now, soonest expiry first.</summary>
    public IEnumerable<RunningDeadline> LiveDeadlines() => Instances.Values
        .SelectMany(i => i.State.Timers.Values.Where(t => t.IsLive).Select(t => new RunningDeadline(i.Id, t)))
        .OrderBy(d => d.Timer.ExpiresAt);

    public IEnumerable<RunningDeadline> BreachedDeadlines() => Instances.Values
        .SelectMany(i => i.State.Timers.Values.Where(t => t.Status == TimerStatus.Breached).Select(t => new RunningDeadline(i.Id, t)));

    /// <summary>The stage of a workflow, or null when it has not started.</summary>
    public string? StageOf(string workflow) => Instances.TryGetValue(workflow, out var i) ? i.State.Stage : null;

    public IEnumerable<TaskOpened> OpenTasks() => Instances.Values.SelectMany(i => i.State.OpenTasks.Values);
}
