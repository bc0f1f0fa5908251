using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Return.SchedulingRemoval;

/// <summary>Schedule a removal (date, carrier and flight, escorts); refused while any bar stands on that date.</summary>
public sealed record ScheduleRemoval(string CaseId, long? ExpectedVersion, DateOnly RemovalOn, string Carrier, string Flight, int Escorts, string ScheduledBy) : IReturnCommand;

public static class ScheduleRemovalHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ScheduleRemoval command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ScheduledBy, "ScheduledBy");
        Validation.Required(command.Carrier, "Carrier");
        Validation.Require(command.Escorts >= 0, "Escorts cannot be negative.");
        var zone = catalog.Calendar(open.Country).Zone;
        var removalStart = new NodaTime.LocalDate(command.RemovalOn.Year, command.RemovalOn.Month, command.RemovalOn.Day)
            .AtStartOfDayInZone(zone).ToDateTimeOffset();
        Validation.Require(removalStart >= now.AddDays(-1), "The removal date lies in the past.");
        RemovalBars.Refuse("Removal cannot be scheduled", open, open.RemovalBars(removalStart));
        return [new RemovalScheduled(command.CaseId, command.RemovalOn, command.Carrier, command.Flight, command.Escorts, command.ScheduledBy, now)];
    }
}
