using FastProcedures.Workflows.Clock;

namespace FastProcedures.Workflows;

/// <summary>The two events the engine itself defines.</summary>
public static class WorkflowEvents
{
    /// <summary>The case enters the definition's initial stage.</summary>
    public const string WorkflowStarted = "WorkflowStarted";

    /// <summary>A scheduled deadline message woke the case: whatever is due at <c>now</c> is emitted.</summary>
    public const string DeadlineReached = "DeadlineReached";

    /// <summary>The case's country calendar changed: running timers are counted again with its holidays.</summary>
    public const string CalendarChanged = "CalendarChanged";
}

/// <summary>A case event as the engine sees it: its type name and the fields guards can read.</summary>
public sealed record WorkflowEvent(string Type, IReadOnlyDictionary<string, object?> Data)
{
    private static readonly IReadOnlyDictionary<string, object?> NoData = new Dictionary<string, object?>();

    public WorkflowEvent(string type) : this(type, NoData)
    {
    }

    public static WorkflowEvent Started() => new(WorkflowEvents.WorkflowStarted);

    public static WorkflowEvent Deadline(string timerId, int generation) => new(WorkflowEvents.DeadlineReached,
        new Dictionary<string, object?> { ["timer"] = timerId, ["generation"] = generation });
}

/// <summary>Everything Decide needs besides the definition, the state and the event: the case's country calendar
/// (holidays, time zone, national parameter values). No clock, no I/O.</summary>
public sealed record DecisionContext(CountryCalendar Calendar);
