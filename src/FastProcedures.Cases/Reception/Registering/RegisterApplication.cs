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
        ];
    }

    public static async Task<CaseChange> Handle(
        RegisterApplication command, IDocumentSession session, IMessageContext bus, WorkflowCatalog catalog,
        TimeProvider clock, CancellationToken cancellation)
    {
        var change = await new CaseWriter(session, bus, catalog, clock).DecideAsync(AsylumCases.Kind, command.CaseId,
            command.ExpectedVersion, (state, now) => Decide(state, command, now), cancellation);
        await HandOverToAsylumUnitAsync(change, session, bus);
        return change;
    }

    /// <summary>Hand-over to the asylum unit in the same transaction: the case cannot fall between units.</summary>
    public static async Task HandOverToAsylumUnitAsync(CaseChange change, IDocumentSession session, IMessageContext bus)
    {
        if (change.Events.OfType<ProcedureAssigned>().FirstOrDefault() is { } assigned)
        {
            await bus.EndpointFor("asylum").SendAsync(
                new ApplicationReadyForExamination(change.CaseId, session.TenantId, assigned.Procedure, assigned.AssignedAt),
                new DeliveryOptions { TenantId = session.TenantId });
        }
    }
}
