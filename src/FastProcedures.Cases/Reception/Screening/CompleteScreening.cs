using FastProcedures.Cases.Asylum;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Screening;

/// <summary>Record the debriefing form (Screening Regulation Art. 17): checks done and the referral.</summary>
public sealed record CompleteScreening(
    string CaseId, long? ExpectedVersion, bool IdentityVerified, bool HealthCheckDone, IReadOnlyList<string>? Vulnerabilities,
    SecurityCheckOutcome SecurityCheck, ScreeningReferral Referral, string CompletedBy) : IAsylumCommand;

public static class CompleteScreeningHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, CompleteScreening command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.CompletedBy, "CompletedBy");
        Validation.Require(!open.Registered, $"Case {command.CaseId} is registered already; screening is over.");
        return
        [
            new ScreeningCompleted(command.CaseId, command.IdentityVerified, command.HealthCheckDone,
                command.Vulnerabilities ?? [], command.SecurityCheck, command.Referral, command.CompletedBy, now),
        ];
    }
}
