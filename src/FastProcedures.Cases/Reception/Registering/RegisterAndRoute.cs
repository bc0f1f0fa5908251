using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows.Routing;
using Wolverine;

namespace FastProcedures.Cases.Reception.Registering;

/// <summary>
/// Register the application (APR Art. 27) and let the routing rules of <c>workflows/data/</c> choose its procedure
/// (APR Art. 42, 45: mandatory border procedure, capacity cap, inadmissibility, accelerated, regular) from the facts
/// screening established. <see cref="SeparateApplicationAfterConsent"/>: a spouse, partner or accompanied minor applies
/// separately after consenting to an application on their behalf, without facts justifying it (APR Art. 38(1)(e),
/// inadmissibility decided within ten working days, Art. 35(1)). <see cref="SafeCountryOfOrigin"/>: a safe country of
/// origin for the applicant (APR Art. 42(1)(b)), besides the designated nationalities of the routing data.
/// </summary>
public sealed record RegisterAndRoute(
    string CaseId, long? ExpectedVersion, bool SecurityGrounds, bool MisledAuthorities, SubsequentApplication Subsequent,
    bool UnaccompaniedMinor, bool SafeThirdCountry, bool BorderCapacityReached, string RegisteredBy,
    bool SeparateApplicationAfterConsent = false, bool SafeCountryOfOrigin = false) : IAsylumCommand;

public static class RegisterAndRouteHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, RegisterAndRoute command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        if (open.Registered)
        {
            return [];
        }
        var data = catalog.Registry.Data ?? throw new CaseCommandRefused("No routing rules are loaded (workflows/data/).");
        var facts = new ApplicationFacts(open.Country, open.Place == ApplicationPlace.Border ? Place.Border : Place.Territory,
            open.Nationality, command.SecurityGrounds, command.MisledAuthorities, command.Subsequent, command.UnaccompaniedMinor,
            command.SafeThirdCountry, command.BorderCapacityReached, DateOnly.FromDateTime(open.MadeAt.UtcDateTime))
        {
            SeparateApplicationAfterConsent = command.SeparateApplicationAfterConsent,
            SafeCountryOfOrigin = command.SafeCountryOfOrigin,
        };
        var route = ProcedureRouter.Route(facts, data.Routing, data.RecognitionRates);
        Validation.Require(!route.PrePact,
            $"Case {command.CaseId} was made before the Pact applies ({route.LegalBasis}): register it with the national procedure.");
        return RegisterApplicationHandler.Decide(state, new RegisterApplication(command.CaseId, command.ExpectedVersion,
            route.Procedure!, route.Ground ?? route.Rule, route.LegalBasis, command.RegisteredBy), now, catalog);
    }
}
