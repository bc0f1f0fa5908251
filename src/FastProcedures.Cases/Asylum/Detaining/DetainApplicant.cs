using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Detaining;

/// <summary>Record that the applicant is detained (RCD Art. 10-11; AMMR Art. 44). A detention after registration
/// shortens the take-charge request limit to one week from the detention (AMMR Art. 45(1)), as the definitions say.</summary>
public sealed record DetainApplicant(string CaseId, long? ExpectedVersion, string Facility, string Grounds, string OrderedBy) : IAsylumCommand;

public static class DetainApplicantHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, DetainApplicant command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Facility, "Facility");
        Validation.Required(command.Grounds, "Grounds");
        Validation.Required(command.OrderedBy, "OrderedBy");
        return open.Detained ? [] : [new ApplicantDetained(command.CaseId, command.Facility, command.Grounds, command.OrderedBy, now)];
    }
}
