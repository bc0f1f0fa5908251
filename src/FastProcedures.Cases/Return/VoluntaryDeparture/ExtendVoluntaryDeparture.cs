using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Clock;
using Wolverine;

namespace FastProcedures.Cases.Return.VoluntaryDeparture;

/// <summary>Extend the voluntary departure period by an appropriate period (RD Art. 7(2)).</summary>
public sealed record ExtendVoluntaryDeparture(string CaseId, long? ExpectedVersion, int ByDays, string Reason, string ExtendedBy) : IReturnCommand;

public static class ExtendVoluntaryDepartureHandler
{
    /// <summary>The extended period is counted again from the return decision as one period of days, so Reg. 1182/71
    /// Art. 3(4) applies to its new last day.</summary>
    public static IReadOnlyList<object> Decide(ReturnCase? state, ExtendVoluntaryDeparture command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ExtendedBy, "ExtendedBy");
        Validation.Required(command.Reason, "Reason");
        Validation.Require(command.ByDays is > 0 and <= 30, "The extension is 1 to 30 days.");
        Validation.Require(open.VoluntaryDepartureEndsAt is not null, $"Return case {command.CaseId} has no voluntary departure period.");
        var decision = open.Decision!;
        var days = decision.VoluntaryDepartureDays + open.VoluntaryDepartureExtendedDays + command.ByDays;
        var endsAt = LegalClock.Expiry(decision.DecidedAt, LegalPeriod.Parse($"P{days}D"), catalog.Calendar(open.Country)).ExpiresAt;
        return [new VoluntaryDepartureExtended(command.CaseId, command.ByDays, endsAt, command.Reason, command.ExtendedBy, now)];
    }
}
