using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum.Transferring;

/// <summary>Which live timers of a case's pinned definitions an event would change, so a fact recorded for a period
/// (the transfer period, AMMR Art. 46) is refused where no period of the case reacts to it.</summary>
internal static class TransferTimers
{
    public static IReadOnlyList<string> ExtendedOn(WorkflowCatalog catalog, AsylumCase open, string @event) =>
        Live(catalog, open, t => t.Extensions.Any(e => e.On == @event));

    public static IReadOnlyList<string> StoppedOn(WorkflowCatalog catalog, AsylumCase open, string @event) =>
        Live(catalog, open, t => t.StopsOn.Contains(@event) && !t.StopsWhen.ContainsKey(@event));

    private static List<string> Live(
        WorkflowCatalog catalog, AsylumCase open, Func<FastProcedures.Workflows.Definitions.TimerDefinition, bool> reacts) =>
        open.Workflows.Instances.Values
            .SelectMany(i => catalog.Pinned(i).Timers.Where(reacts)
                .Where(t => i.State.Timers.TryGetValue(t.Id, out var live) && live.IsLive)
                .Select(t => $"{i.Id}/{t.Id}"))
            .ToList();
}
