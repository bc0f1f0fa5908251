using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Registering;

/// <summary>Record that a disproportionate number of applications made at the same time makes registration within
/// five days very difficult (APR Art. 27(2)): the registration limit of this case is extended as its definition says.
/// Refused where no running registration limit of the case is extended by it; recorded again, nothing changes.</summary>
public sealed record RecordDisproportionateNumberOfApplications(string CaseId, long? ExpectedVersion, string RecordedBy);

public static class RecordDisproportionateNumberOfApplicationsHandler
{
    public static IReadOnlyList<object> Decide(
        AsylumCase? state, RecordDisproportionateNumberOfApplications command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.RecordedBy, "RecordedBy");
        var limits = LiveTimers.ExtendedOn(catalog, open, nameof(DisproportionateNumberOfApplications));
        Validation.Require(limits.Count > 0,
            $"No running limit of case {command.CaseId} is extended by a disproportionate number of applications: it extends registration (APR Art. 27(2)).");
        var extended = open.Workflows.Instances.Values.SelectMany(i => i.State.Timers.Values)
            .Any(t => t.IsLive && t.ExtendedOn.Contains(nameof(DisproportionateNumberOfApplications)));
        return extended ? [] : [new DisproportionateNumberOfApplications(command.CaseId, command.RecordedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        RecordDisproportionateNumberOfApplications command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now, catalog));
    }
}
