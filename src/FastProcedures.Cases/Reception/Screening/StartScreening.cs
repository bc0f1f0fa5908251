using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Screening;

/// <summary>Begin the screening checks (Screening Regulation Art. 8).</summary>
public sealed record StartScreening(string CaseId, long? ExpectedVersion, string StartedBy) : IAsylumCommand;

public static class StartScreeningHandler
{
    /// <summary>Screening is awaited until the application is registered, on a case that runs a workflow declaring
    /// <see cref="ScreeningStarted"/> (workflows/screening.yaml: <c>events:</c>).</summary>
    public static IReadOnlyList<object> Decide(AsylumCase? state, StartScreening command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.StartedBy, "StartedBy");
        return open.Registered || !catalog.Declares(open.Workflows, nameof(ScreeningStarted))
            ? throw new CaseCommandRefused($"Case {command.CaseId} is not awaiting screening.")
            : [new ScreeningStarted(command.CaseId, command.StartedBy, now)];
    }
}
