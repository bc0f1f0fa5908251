using FastProcedures.Cases.Asylum;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Screening;

/// <summary>Record that fingerprints and facial image were taken for Eurodac (Eurodac Reg. Art. 15, 22).</summary>
public sealed record TakeBiometrics(string CaseId, long? ExpectedVersion, string EurodacReference, string TakenBy) : IAsylumCommand;

public static class TakeBiometricsHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, TakeBiometrics command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.EurodacReference, "EurodacReference");
        Validation.Required(command.TakenBy, "TakenBy");
        // The same reference again is a repeat of the same taking: nothing new. Another reference is a new taking
        // (e.g. the data set was of too poor quality for Eurodac and was taken again): recorded, the last one counts.
        return open.EurodacReference == command.EurodacReference
            ? []
            : [new BiometricsTaken(command.CaseId, command.EurodacReference, command.TakenBy, now)];
    }
}
