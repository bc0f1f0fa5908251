using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;

/// <summary>Apply the derogations of a declared crisis (CFMR, Reg. 2024/1359) to a case the crisis covers.</summary>
public sealed record ApplyCrisisDerogation(string CaseId, long? ExpectedVersion, string CrisisId, bool CoversCase, IReadOnlyList<string> Timers, string AppliedBy) : IAsylumCommand;

public static class ApplyCrisisDerogationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ApplyCrisisDerogation command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.CrisisId, "CrisisId");
        Validation.Required(command.AppliedBy, "AppliedBy");
        return [new CrisisDerogationApplied(command.CaseId, command.CrisisId, command.CoversCase, command.Timers, command.AppliedBy, now)];
    }
}
