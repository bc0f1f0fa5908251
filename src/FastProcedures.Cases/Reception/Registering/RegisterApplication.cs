using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Reception.Registering;

/// <summary>
/// Register the application (APR Art. 27) and route it to its procedure (APR Art. 42, 45): registration and the
/// procedure assignment are one act, so the procedure's limits count from registration (APR Art. 51(2)).
/// </summary>
public sealed record RegisterApplication(
    string CaseId, long? ExpectedVersion, string Procedure, string Ground, string LegalBasis, string RegisteredBy) : IAsylumCommand;

public static class RegisterApplicationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RegisterApplication command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        if (open.Registered)
        {
            return [];
        }
        var procedures = catalog.AssignableProcedures(AsylumCases.Kind.Name);
        Validation.Require(procedures.Contains(command.Procedure),
            $"Procedure '{command.Procedure}' is not one of {string.Join(", ", procedures)}.");
        var place = catalog.Registry.Latest(command.Procedure).Place;
        Validation.Require(place is null || string.Equals(place, open.Place.ToString(), StringComparison.OrdinalIgnoreCase),
            place == "border"
                ? $"The {command.Procedure} applies only to applications made at the external border (APR Art. 43)."
                : $"The {command.Procedure} applies only to applications made at the {place}.");
        Validation.Required(command.Ground, "Ground");
        Validation.Required(command.LegalBasis, "LegalBasis");
        Validation.Required(command.RegisteredBy, "RegisteredBy");
        return
        [
            new ApplicationRegistered(command.CaseId, command.RegisteredBy, now),
            new ProcedureAssigned(command.CaseId, command.Procedure, command.Ground, command.LegalBasis, command.RegisteredBy, now),
            // The asylum unit takes the case over in the same act: no gap between units, and no second writer
            // appending to the case in the background.
            new CaseAcceptedByUnit(command.CaseId, AsylumConfiguration.Unit, AsylumConfiguration.Actor, now),
        ];
    }
}
