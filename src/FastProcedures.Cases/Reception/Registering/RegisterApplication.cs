using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.Registering;

/// <summary>
/// Register the application (APR Art. 27) and route it to its procedure (APR Art. 42, 45): registration and the
/// procedure assignment are one act, so the procedure's limits count from registration (APR Art. 51(2)).
/// </summary>
public sealed record RegisterApplication(
    string CaseId, long? ExpectedVersion, string Procedure, string Ground, string LegalBasis, string RegisteredBy);

public static class RegisterApplicationHandler
{
    public static readonly IReadOnlyList<string> AsylumProcedures =
        ["border-procedure", "accelerated-procedure", "regular-procedure", "inadmissibility"];

    public static IReadOnlyList<object> Decide(AsylumCase? state, RegisterApplication command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        if (open.Registered)
        {
            return [];
        }
        Validation.Require(AsylumProcedures.Contains(command.Procedure),
            $"Procedure '{command.Procedure}' is not one of {string.Join(", ", AsylumProcedures)}.");
        Validation.Require(command.Procedure != "border-procedure" || open.Place == ApplicationPlace.Border,
            "The border procedure applies only to applications made at the external border (APR Art. 43).");
        Validation.Required(command.Ground, "Ground");
        Validation.Required(command.LegalBasis, "LegalBasis");
        Validation.Required(command.RegisteredBy, "RegisteredBy");
        return
        [
            new ApplicationRegistered(command.CaseId, command.RegisteredBy, now),
            new ProcedureAssigned(command.CaseId, command.Procedure, command.Ground, command.LegalBasis, command.RegisteredBy, now),
            // The asylum unit takes the case over in the same act: no gap between units, and no second writer
            // appending to the case in the background.
            new CaseAcceptedByUnit(command.CaseId, "asylum", "asylum-unit", now),
        ];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        RegisterApplication command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now));
    }
}
