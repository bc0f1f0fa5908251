using FastProcedures.Cases.Asylum;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Screening;

/// <summary>Begin the screening checks (Screening Regulation Art. 8).</summary>
public sealed record StartScreening(string CaseId, long? ExpectedVersion, string StartedBy) : IAsylumCommand;

public static class StartScreeningHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, StartScreening command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.StartedBy, "StartedBy");
        return open.Workflows.StageOf("screening") is null || open.Registered
            ? throw new CaseCommandRefused($"Case {command.CaseId} is not awaiting screening.")
            : [new ScreeningStarted(command.CaseId, command.StartedBy, now)];
    }
}
