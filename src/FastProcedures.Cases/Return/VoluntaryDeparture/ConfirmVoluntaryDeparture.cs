using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.VoluntaryDeparture;

/// <summary>Record that the person left voluntarily (RD Art. 7).</summary>
public sealed record ConfirmVoluntaryDeparture(string CaseId, long? ExpectedVersion, string ConfirmedBy) : IReturnCommand;

public static class ConfirmVoluntaryDepartureHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ConfirmVoluntaryDeparture command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ConfirmedBy, "ConfirmedBy");
        Validation.Require(open.Decision is not null, $"Return case {command.CaseId} has no return decision.");
        return open.Removed ? [] : [new VoluntaryDepartureConfirmed(command.CaseId, command.ConfirmedBy, now)];
    }
}
