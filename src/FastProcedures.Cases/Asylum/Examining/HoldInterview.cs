using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Record that the personal interview was held (APR Art. 12-14).</summary>
public sealed record HoldInterview(string CaseId, long? ExpectedVersion, string HeldBy) : IAsylumCommand;

public static class HoldInterviewHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, HoldInterview command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.HeldBy, "HeldBy");
        Validation.Require(open.Decision is null, $"Case {command.CaseId} is decided already.");
        return open.Interviewed ? [] : [new InterviewHeld(command.CaseId, command.HeldBy, now)];
    }
}
