using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Cases.Procedures;

/// <summary>Which procedure a case event starts, and the date that picks the version in force.</summary>
public sealed record WorkflowStart(string Workflow, DateOnly InForceOn);

/// <summary>
/// Runs a case's workflows: every domain event goes through <c>Decide</c> of each running (not yet final) workflow,
/// and may start a new one. Pure: same case, events and <c>now</c> give the same events to append.
/// </summary>
public static class CaseRuntime
{
    /// <summary>The domain events followed, each, by the workflow events they cause. <paramref name="definitionFor"/>
    /// picks the definition a starting workflow is pinned to (default: the version in force); replay verification
    /// passes the one the case recorded.</summary>
    public static IReadOnlyList<object> Advance(
        WorkflowCatalog catalog, string caseId, string country, CaseWorkflows workflows, IEnumerable<object> domainEvents,
        DateTimeOffset now, Func<object, WorkflowStart?> starts, Func<WorkflowStart, WorkflowDefinition>? definitionFor = null)
    {
        var context = new DecisionContext(catalog.Calendar(country, workflows));
        var output = new List<object>();
        foreach (var domainEvent in domainEvents)
        {
            output.Add(domainEvent);
            if (domainEvent is CalendarChanged changed)
            {
                // The running deadlines are counted again with the calendar version the case moves to.
                context = new DecisionContext(catalog.Registry.Calendar(country, changed.ToVersion));
            }
            var input = EventData.ToWorkflowEvent(domainEvent);
            foreach (var instance in workflows.Instances.Values.ToList())
            {
                var definition = catalog.Pinned(instance);
                if (instance.State.Stage is { } stage && definition.Stage(stage).Final)
                {
                    continue;
                }
                var effects = WorkflowEngine.Decide(definition, instance.State, input, now, context);
                workflows = RecordSteps(caseId, instance.Id, effects, now, workflows, output);
            }
            if (starts(domainEvent) is { } start && !workflows.Has(start.Workflow))
            {
                var definition = definitionFor?.Invoke(start) ?? InForceOn(catalog, start);
                var started = new WorkflowStarted(caseId, definition.Id, definition.Version, definition.Hash, country,
                    context.Calendar.Version, context.Calendar.Sha256, domainEvent.GetType().Name, now);
                output.Add(started);
                workflows = workflows.Apply(started);
                // The start carries the fields of the event that started it (e.g. the place of the application).
                var effects = WorkflowEngine.Decide(definition, WorkflowState.Initial,
                    new WorkflowEvent(WorkflowEvents.WorkflowStarted, input.Data), now, context);
                workflows = RecordSteps(caseId, definition.Id, effects, now, workflows, output);
            }
        }
        return output;
    }

    /// <summary>
    /// A scheduled deadline message fired: the workflow is woken only if that timer generation still runs; what falls
    /// due is recorded after a <see cref="DeadlineReached"/>. A stopped, extended, resumed or already breached timer
    /// gives nothing, so firing twice or late is harmless.
    /// </summary>
    public static IReadOnlyList<object> Wake(
        WorkflowCatalog catalog, string caseId, string country, CaseWorkflows workflows, string workflow, string timer,
        int generation, DateTimeOffset now)
    {
        if (!workflows.Instances.TryGetValue(workflow, out var instance)
            || !instance.State.Timers.TryGetValue(timer, out var state)
            || state.Generation != generation || state.Status != TimerStatus.Running)
        {
            return [];
        }
        var context = new DecisionContext(catalog.Calendar(country, workflows));
        var effects = WorkflowEngine.Decide(catalog.Pinned(instance), instance.State, WorkflowEvent.Deadline(timer, generation), now, context);
        if (effects.Count == 0)
        {
            return [];
        }
        var output = new List<object> { new DeadlineReached(caseId, workflow, timer, generation, now) };
        RecordSteps(caseId, workflow, effects, now, workflows, output);
        return output;
    }

    /// <summary>The version in force on the application date; none (e.g. an AMMR check for an application made before
    /// AMMR applies on 1 July 2026) refuses the command with the reason.</summary>
    private static FastProcedures.Workflows.Definitions.WorkflowDefinition InForceOn(WorkflowCatalog catalog, WorkflowStart start)
    {
        try
        {
            return catalog.InForceOn(start.Workflow, start.InForceOn);
        }
        catch (KeyNotFoundException e)
        {
            throw new CaseCommandRefused(e.Message);
        }
    }

    private static CaseWorkflows RecordSteps(
        string caseId, string workflow, IReadOnlyList<WorkflowEffect> effects, DateTimeOffset now, CaseWorkflows workflows,
        List<object> output)
    {
        foreach (var effect in effects)
        {
            var step = WorkflowStep.Of(caseId, workflow, effect, now);
            output.Add(step);
            workflows = workflows.Apply(step);
        }
        return workflows;
    }
}
