using JasperFx.Events;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.CheckingResponsibility;

/// <summary>The asylum unit starts the check of which Member State is responsible (AMMR Arts. 39-41): the AMMR
/// responsibility workflow starts on it and counts its request limits (AMMR Art. 39(1)).</summary>
public sealed record StartResponsibilityCheck(string CaseId, long? ExpectedVersion, string StartedBy);

public static class StartResponsibilityCheckHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, StartResponsibilityCheck command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Require(open.Registered, $"Case {command.CaseId} is not registered yet (AMMR Art. 39(1) counts from registration).");
        Validation.Required(command.StartedBy, "StartedBy");
        // The workflow the event starts comes from the definitions (starts-on); a second start changes nothing.
        return catalog.StartedBy(AsylumCases.Kind.Name, nameof(ResponsibilityCheckStarted)) is { } workflow && open.Workflows.Has(workflow)
            ? []
            : [new ResponsibilityCheckStarted(command.CaseId, command.StartedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        StartResponsibilityCheck command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now, catalog));
    }
}
