using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Return.VoluntaryDeparture;

/// <summary>Extend the voluntary departure period by an appropriate period (RD Art. 7(2)).</summary>
public sealed record ExtendVoluntaryDeparture(string CaseId, long? ExpectedVersion, int ByDays, string Reason, string ExtendedBy);

public static class ExtendVoluntaryDepartureHandler
{
    public static IReadOnlyList<object> Decide(ReturnCase? state, ExtendVoluntaryDeparture command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.ExtendedBy, "ExtendedBy");
        Validation.Required(command.Reason, "Reason");
        Validation.Require(command.ByDays is > 0 and <= 30, "The extension is 1 to 30 days.");
        Validation.Require(open.VoluntaryDepartureEndsAt is not null, $"Return case {command.CaseId} has no voluntary departure period.");
        return [new VoluntaryDepartureExtended(command.CaseId, command.ByDays, open.VoluntaryDepartureEndsAt!.Value.AddDays(command.ByDays), command.Reason, command.ExtendedBy, now)];
    }

    public static Task<CaseChange> Handle(
        ExtendVoluntaryDeparture command, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog, TimeProvider clock,
        CancellationToken cancellation) =>
        new CaseWriter(session, bus, catalog, clock).DecideAsync(ReturnCases.Kind, command.CaseId, command.ExpectedVersion,
            (state, now) => Decide(state, command, now), cancellation);
}
