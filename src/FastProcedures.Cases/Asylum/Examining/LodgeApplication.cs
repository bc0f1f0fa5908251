using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>The applicant lodges the application (APR Art. 28); lodging limits stop.</summary>
public sealed record LodgeApplication(string CaseId, long? ExpectedVersion, string LodgedBy) : IAsylumCommand;

public static class LodgeApplicationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, LodgeApplication command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Require(open.Registered, $"Case {command.CaseId} is not registered yet (APR Art. 27 before Art. 28).");
        Validation.Required(command.LodgedBy, "LodgedBy");
        return open.Lodged ? [] : [new ApplicationLodged(command.CaseId, command.LodgedBy, now)];
    }
}
