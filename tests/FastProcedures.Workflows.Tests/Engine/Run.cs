using System.Text.Json;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Workflows.Tests.Engine;

/// <summary>Drives a definition through Decide like the cases layer does: state rebuilt from effects only.</summary>
public sealed class Run(WorkflowDefinition definition, string country = "BG")
{
    private readonly DecisionContext _context = new(Calendars.Of(country));

    public WorkflowState State { get; private set; } = WorkflowState.Initial;
    public List<(WorkflowEvent Event, DateTimeOffset At, IReadOnlyList<WorkflowEffect> Effects)> History { get; } = [];

    public IReadOnlyList<WorkflowEffect> On(string type, string at, params (string Key, object? Value)[] data) =>
        On(new WorkflowEvent(type, data.ToDictionary(d => d.Key, d => d.Value)), DateTimeOffset.Parse(at));

    public IReadOnlyList<WorkflowEffect> On(WorkflowEvent @event, DateTimeOffset at)
    {
        var effects = WorkflowEngine.Decide(definition, State, @event, at, _context);
        State = State.ApplyAll(effects);
        History.Add((@event, at, effects));
        return effects;
    }

    public IReadOnlyList<WorkflowEffect> Start(string at) => On(WorkflowEvent.Started(), DateTimeOffset.Parse(at));

    public IReadOnlyList<WorkflowEffect> Tick(string at) => On(WorkflowEvents.DeadlineReached, at);

    public static string Json(IEnumerable<WorkflowEffect> effects) =>
        JsonSerializer.Serialize(effects.ToList(), new JsonSerializerOptions { WriteIndented = false });
}
