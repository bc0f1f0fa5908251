using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum;

/// <summary>Which timers of a case's pinned definitions an event would change, so a fact recorded for a period (the
/// transfer period, AMMR Art. 46; registration, APR Art. 27(2); lodging after a transfer, APR Art. 28(2)) is refused
/// where no period of the case reacts to it.</summary>
internal static class LiveTimers
{
    public static IReadOnlyList<string> ExtendedOn(WorkflowCatalog catalog, AsylumCase open, string @event) =>
        Live(catalog, open, t => t.Extensions.Any(e => e.On == @event));

    /// <summary>Whether a running timer of the case was extended on the event already: recording the fact again
    /// changes nothing.</summary>
    public static bool AlreadyExtendedOn(AsylumCase open, string @event) =>
        open.Workflows.Instances.Values.SelectMany(i => i.State.Timers.Values).Any(t => t.IsLive && t.ExtendedOn.Contains(@event));

    public static IReadOnlyList<string> StoppedOn(WorkflowCatalog catalog, AsylumCase open, string @event) =>
        Live(catalog, open, t => t.StopsOn.Contains(@event) && !t.StopsWhen.ContainsKey(@event));

    /// <summary>Timers the event would start: in a workflow whose stage is not final, not running already.</summary>
    public static IReadOnlyList<string> StartedOn(WorkflowCatalog catalog, AsylumCase open, string @event) =>
        open.Workflows.Instances.Values
            .Where(i => i.State.Stage is { } stage && !catalog.Pinned(i).Stage(stage).Final)
            .SelectMany(i => catalog.Pinned(i).Timers.Where(t => t.StartsOn.Contains(@event))
                .Where(t => !(i.State.Timers.TryGetValue(t.Id, out var live) && live.IsLive))
                .Select(t => $"{i.Id}/{t.Id}"))
            .ToList();

    private static List<string> Live(
        WorkflowCatalog catalog, AsylumCase open, Func<FastProcedures.Workflows.Definitions.TimerDefinition, bool> reacts) =>
        open.Workflows.Instances.Values
            .SelectMany(i => catalog.Pinned(i).Timers.Where(reacts)
                .Where(t => i.State.Timers.TryGetValue(t.Id, out var live) && live.IsLive)
                .Select(t => $"{i.Id}/{t.Id}"))
            .ToList();
}
