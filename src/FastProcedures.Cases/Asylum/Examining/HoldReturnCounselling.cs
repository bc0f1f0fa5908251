using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Record return counselling given at the start of the procedure (2023 pilot practice).</summary>
public sealed record HoldReturnCounselling(string CaseId, long? ExpectedVersion, string HeldBy) : IAsylumCommand;

public static class HoldReturnCounsellingHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, HoldReturnCounselling command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.HeldBy, "HeldBy");
        return [new ReturnCounsellingHeld(command.CaseId, command.HeldBy, now)];
    }
}
