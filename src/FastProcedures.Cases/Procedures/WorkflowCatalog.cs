using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Cases.Procedures;

/// <summary>A case's pinned definition is missing or no longer has the hash the case recorded.</summary>
public sealed class PinnedDefinitionException(string message) : Exception(message);

/// <summary>
/// The definitions and country calendars the cases run on, loaded once at start-up from <c>workflows/</c>; an invalid
/// definition stops the start with its <c>file:line:col</c> errors (STYLE: definitions fail fast).
/// </summary>
public sealed class WorkflowCatalog(WorkflowRegistry registry)
{
    public WorkflowRegistry Registry { get; } = registry;

    /// <summary>The declared crisis periods (<c>workflows/data/crisis-periods.yaml</c>, CFMR); a capacity simulation
    /// sets the hypothetical periods of its scenario instead.</summary>
    public CrisisPeriods? Crises { get; init; } = registry.Data?.CrisisPeriods;

    public static WorkflowCatalog Load(string? workflowsDirectory = null) =>
        new(WorkflowsFolder.Load(workflowsDirectory ?? WorkflowsFolder.Require()));

    public CountryCalendar Calendar(string country) => Registry.Calendar(country);

    /// <summary>The calendar version a case recorded (WorkflowStarted, CalendarChanged); the one in force for a case
    /// that recorded none, so replay counts with the holidays the case was counted with.</summary>
    public CountryCalendar Calendar(string country, CaseWorkflows workflows) =>
        workflows.CalendarVersion > 0 ? Registry.Calendar(country, workflows.CalendarVersion) : Registry.Calendar(country);

    /// <summary>The procedures a case of <paramref name="caseKind"/> can be assigned to at registration.</summary>
    public IReadOnlyList<string> AssignableProcedures(string caseKind) =>
        Registry.All.Where(d => d.CaseKind == caseKind && d.AssignedAtRegistration).Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The workflow a case event starts by itself, as the latest version of each definition says
    /// (<c>starts-on</c>, and <c>starts-when</c> over the event's fields), if any; the first by id when several would.</summary>
    public string? StartedBy(string caseKind, object @event)
    {
        var type = @event.GetType().Name;
        if (!SelfStarting(caseKind).Any(d => d.StartsOn.Contains(type)))
        {
            return null;
        }
        var fields = EventData.ToWorkflowEvent(@event).Data;
        return SelfStarting(caseKind).FirstOrDefault(d => d.StartsOnEvent(type, fields))?.Id;
    }

    /// <summary>The workflow events of this type start, whatever their fields, if any.</summary>
    public string? StartedBy(string caseKind, string eventType) =>
        SelfStarting(caseKind).FirstOrDefault(d => d.StartsOn.Contains(eventType))?.Id;

    private IReadOnlyList<WorkflowDefinition> SelfStarting(string caseKind) => _selfStarting.GetOrAdd(caseKind, kind =>
        Registry.All.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).Select(Registry.Latest)
            .Where(d => d.CaseKind == kind && d.StartsOn.Count > 0 && !d.AssignedAtRegistration).ToList());

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<WorkflowDefinition>> _selfStarting = new();

    /// <summary>Whether a workflow the case runs declares this case event among its own (<c>events:</c>), as the
    /// definition it is pinned to says: a command whose event only some workflow expects (starting the screening) asks
    /// the definitions rather than naming the workflow.</summary>
    public bool Declares(CaseWorkflows workflows, string eventType) =>
        workflows.Instances.Values.Any(instance => Pinned(instance).DeclaredEvents.Contains(eventType));

    /// <summary>The version of a procedure in force on a date (its <c>applies-from</c>), for a case starting it.</summary>
    public WorkflowDefinition InForceOn(string workflow, DateOnly date) => Registry.InForceOn(workflow, date);

    /// <summary>The exact definition a case was pinned to; never another version or an altered file.</summary>
    public WorkflowDefinition Pinned(WorkflowInstance instance)
    {
        if (!Registry.TryGet(instance.Id, instance.Version, out var definition))
        {
            throw new PinnedDefinitionException($"Definition {instance.Id} version {instance.Version} is missing from workflows/.");
        }
        if (definition.Hash != instance.Hash)
        {
            throw new PinnedDefinitionException(
                $"Definition {instance.Id} version {instance.Version} has sha256 {definition.Hash[..12]}…, the case was pinned to {instance.Hash[..Math.Min(12, instance.Hash.Length)]}….");
        }
        return definition;
    }
}
