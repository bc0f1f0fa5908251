using JasperFx.Events;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Procedures;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Reception.MakingApplication;

/// <summary>Record that a person applied for protection (APR Art. 26), at the border or in the territory.
/// <c>ApprehendedAt</c>: the apprehension in the external border area, the disembarkation or the presentation at the
/// border crossing point, from which the screening's 7 days count (Screening Reg. Art. 8(3)); without it, the making of
/// the application. <c>HeldOver72Hours</c>: the person remained physically at the external border more than 72 hours
/// (Art. 8(3) second subparagraph: screening thereafter, within 4 days).</summary>
public sealed record MakeApplication(
    string CaseId, string Country, ApplicationPlace Place, string Location, string Nationality, bool HasTravelDocument,
    PersonalDetails Applicant, string MadeBy, DateTimeOffset? ApprehendedAt = null, bool? HeldOver72Hours = null);

public static class MakeApplicationHandler
{
    /// <param name="seal">Seals the applicant's personal data; called only when the application is recorded.</param>
    public static IReadOnlyList<object> Decide(
        AsylumCase? state, MakeApplication command, DateTimeOffset now, Func<PersonalDetails, SealedPersonalDetails> seal)
    {
        if (state is not null)
        {
            return []; // the same application recorded again
        }
        Validation.CaseId(command.CaseId, command.Country);
        Validation.Required(command.Location, "Location");
        Validation.Require(command.Nationality is { Length: 3 } && command.Nationality.All(char.IsAsciiLetterUpper),
            $"Nationality '{command.Nationality}' is not an ISO 3166-1 alpha-3 code (e.g. SYR, or XXX when stateless).");
        Validation.Required(command.Applicant?.FullName, "Applicant name");
        Validation.Required(command.MadeBy, "MadeBy");
        Validation.Require(command.ApprehendedAt is not { } apprehended || apprehended <= now,
            $"ApprehendedAt {command.ApprehendedAt:O} is in the future.");
        Validation.Require(command.HeldOver72Hours != true || (command.ApprehendedAt is not null && command.Place == ApplicationPlace.Border),
            "HeldOver72Hours needs ApprehendedAt and an application at the border (Screening Reg. Art. 8(3)).");
        return
        [
            new ApplicationMade(command.CaseId, command.Country, command.Place, command.Location, command.Nationality,
                command.HasTravelDocument, seal(command.Applicant!), command.MadeBy, now, command.ApprehendedAt,
                command.HeldOver72Hours == true),
        ];
    }

    /// <summary>Opens the stream; a case id that exists already is refused with <see cref="CaseAlreadyExists"/>,
    /// unless the command repeats the application that opened it (then nothing changes).</summary>
    public static (CaseChange, OutgoingMessages) Handle(
        MakeApplication command, [Case(Required = false)] IEventStream<AsylumCase> stream, IDocumentSession session,
        WorkflowCatalog catalog, TimeProvider clock)
    {
        CaseStreams.MustBeNew(stream, c => c.Country == command.Country && c.Place == command.Place
            && c.Nationality == command.Nationality && c.HasTravelDocument == command.HasTravelDocument);
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, null, catalog, now,
            state => Decide(state, command, now, details => PersonalData.Seal(session, command.CaseId, details, now)));
    }
}
