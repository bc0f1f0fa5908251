using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Return;
using Marten;
using NodaTime;

namespace FastProcedures.Statistics.Reading;

public enum Sex { Female, Male, Unknown }

/// <summary>What the statistics need of a person: date of birth and sex, nothing else (GDPR Art. 5(1)(c)).
/// Unknown when not recorded or when the person's data was crypto-shredded.</summary>
public sealed record PersonProfile(DateOnly? DateOfBirth, Sex Sex)
{
    public static readonly PersonProfile Unknown = new(null, Sex.Unknown);

    public static PersonProfile Of(PersonalDetails details) => details.FullName == PersonalData.Erased
        ? Unknown
        : new PersonProfile(details.DateOfBirth, details.Sex?.Trim().ToUpperInvariant() switch
        {
            "F" or "FEMALE" => Sex.Female,
            "M" or "MALE" => Sex.Male,
            _ => Sex.Unknown,
        });
}

/// <summary>One application for international protection as its events tell it.</summary>
/// <param name="Person">Who applied: the Eurodac reference when biometrics were taken (the same person gets the same
/// reference, Eurodac Reg. Art. 15), else the case itself.</param>
public sealed record AsylumHistory(
    string CaseId,
    string Person,
    string Nationality,
    DateTimeOffset MadeAt,
    SealedPersonalDetails Applicant,
    bool UnaccompaniedMinor,
    ProcedureAssigned? Procedure,
    DecisionIssued? Decision,
    AppealDecided? AppealDecision,
    DecisionBecameFinal? Final,
    DateTimeOffset? TransferredAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<CaseEvent> ResponsibilityEvents)
{
    /// <summary>A subsequent application (APR Art. 3(19), APD Art. 2(q)): made after a final decision on an earlier
    /// application of the same person, or routed on a subsequent-application ground. Set by <see cref="CaseBook"/>.</summary>
    public bool Subsequent { get; init; }

    /// <summary>The person's first application in this Member State (Reg. 862/2007 Art. 4(1)(d)).</summary>
    public bool FirstTime { get; init; }

    /// <summary>When the application stopped being under consideration (Art. 4(1)(b)): a grant, a final decision, an
    /// implicit withdrawal, a transfer to the responsible State, or the case closed.</summary>
    public DateTimeOffset? ConsiderationEndedAt => new[]
    {
        Decision is { Negative: false } grant ? grant.DecidedAt : null,
        Decision is { Outcome: DecisionOutcome.ImplicitlyWithdrawn } withdrawn ? withdrawn.DecidedAt : null,
        Final?.BecameFinalAt, TransferredAt, ClosedAt,
    }.Where(t => t is not null).Min();

    public static AsylumHistory? From(CaseStream stream, StatisticalMapping mapping)
    {
        if (stream.Events.FirstOrDefault()?.Data is not ApplicationMade made)
        {
            return null;
        }
        var data = stream.Events.Select(e => e.Data).ToList();
        return new AsylumHistory(
            stream.CaseId,
            data.OfType<BiometricsTaken>().FirstOrDefault()?.EurodacReference is { Length: > 0 } eurodac ? "eurodac:" + eurodac : "case:" + stream.CaseId,
            made.Nationality,
            made.MadeAt,
            made.Applicant,
            data.OfType<ScreeningCompleted>().Any(s => mapping.MarksUnaccompaniedMinor(s.Vulnerabilities)),
            data.OfType<ProcedureAssigned>().LastOrDefault(),
            data.OfType<DecisionIssued>().FirstOrDefault(),
            data.OfType<AppealDecided>().LastOrDefault(),
            data.OfType<DecisionBecameFinal>().FirstOrDefault(),
            data.OfType<TransferExecuted>().FirstOrDefault()?.ExecutedAt,
            data.OfType<AsylumCaseClosed>().FirstOrDefault()?.ClosedAt,
            stream.Events.Where(e => e.Data is TakeChargeRequestSent or TakeBackNotificationSent or TransferExecuted).ToList());
    }
}

/// <summary>A return case: the order to leave (RD Art. 6) and how the person left, if they did.</summary>
public sealed record ReturnHistory(
    string CaseId,
    string? AsylumCaseId,
    string Nationality,
    DateTimeOffset OpenedAt,
    ReturnDecisionIssued? Decision,
    DateTimeOffset? RemovedAt,
    DateTimeOffset? DepartedVoluntarilyAt)
{
    public static ReturnHistory? From(CaseStream stream)
    {
        if (stream.Events.FirstOrDefault()?.Data is not ReturnCaseOpened opened)
        {
            return null;
        }
        var data = stream.Events.Select(e => e.Data).ToList();
        return new ReturnHistory(stream.CaseId, opened.AsylumCaseId, opened.Nationality, opened.OpenedAt,
            data.OfType<ReturnDecisionIssued>().FirstOrDefault(), data.OfType<RemovalExecuted>().FirstOrDefault()?.ExecutedAt,
            data.OfType<VoluntaryDepartureConfirmed>().FirstOrDefault()?.DepartedAt);
    }
}

/// <summary>
/// A country's cases as the statistics read them, with each applicant's age and sex. The applicant's details are
/// sealed per person; the statistics unseal them at report time under Reg. 862/2007 Art. 4 and 7 (which require the
/// breakdown by age and sex; GDPR Art. 6(1)(c), Art. 89(1)): only date of birth and sex leave the envelope, they are
/// reduced to an age group in memory and never written; a person whose key was erased counts as unknown (UNK).
/// </summary>
public sealed class CaseBook
{
    private readonly IReadOnlyDictionary<string, PersonProfile> _profiles;
    private readonly Dictionary<string, AsylumHistory> _asylumById;

    public CaseBook(
        string country, DateTimeZone zone, IReadOnlyList<CaseStream> streams, IReadOnlyDictionary<string, PersonProfile> profiles,
        StatisticalMapping? mapping = null)
    {
        mapping ??= StatisticalMapping.Default;
        Country = country;
        Zone = zone;
        Streams = streams;
        _profiles = profiles;
        var asylum = streams.Select(s => AsylumHistory.From(s, mapping)).OfType<AsylumHistory>().ToList();
        var byPerson = asylum.ToLookup(a => a.Person);
        Asylum = asylum.Select(a =>
        {
            var earlier = byPerson[a.Person].Where(o => o.CaseId != a.CaseId && o.MadeAt < a.MadeAt).ToList();
            return a with
            {
                FirstTime = earlier.Count == 0,
                Subsequent = (a.Procedure is { } p && mapping.NamesSubsequentApplication(p.Ground))
                    || earlier.Any(o => FinalAt(o) is { } final && final <= a.MadeAt),
            };
        }).ToList();
        _asylumById = Asylum.ToDictionary(a => a.CaseId, StringComparer.Ordinal);
        Returns = streams.Select(ReturnHistory.From).OfType<ReturnHistory>().ToList();
    }

    public string Country { get; }

    public DateTimeZone Zone { get; }

    public IReadOnlyList<CaseStream> Streams { get; }

    public IReadOnlyList<AsylumHistory> Asylum { get; }

    public IReadOnlyList<ReturnHistory> Returns { get; }

    public PersonProfile ProfileOf(AsylumHistory application) =>
        _profiles.TryGetValue(application.CaseId, out var profile) ? profile : PersonProfile.Unknown;

    /// <summary>The person a return case concerns: the applicant of its asylum case, else the case itself (an
    /// irregular stay opened by the return unit records no personal details).</summary>
    public (string Person, PersonProfile Profile) PersonOf(ReturnHistory returnCase) =>
        returnCase.AsylumCaseId is { } asylumId && _asylumById.TryGetValue(asylumId, out var application)
            ? (application.Person, ProfileOf(application))
            : ("case:" + returnCase.CaseId, PersonProfile.Unknown);

    public LocalDate LocalDate(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(Zone).Date;

    private static DateTimeOffset? FinalAt(AsylumHistory a) => a.Final?.BecameFinalAt ?? a.AppealDecision?.DecidedAt
        ?? (a.Decision is { Negative: false } grant ? grant.DecidedAt : null);

    /// <summary>Reads the country's events and unseals each applicant's date of birth and sex.</summary>
    public static async Task<CaseBook> LoadAsync(
        IDocumentStore store, string country, DateTimeZone zone, Action<string>? progress = null, CancellationToken cancellation = default)
    {
        var streams = await CaseEvents.ReadAsync(store, country, progress, cancellation, domainEventsOnly: true);
        var sealedByCase = streams
            .Where(s => s.IsAsylum)
            .ToDictionary(s => s.CaseId, s => ((ApplicationMade)s.Events[0].Data).Applicant, StringComparer.Ordinal);
        var profiles = new Dictionary<string, PersonProfile>(StringComparer.Ordinal);
        await using var session = store.QuerySession(country);
        foreach (var chunk in sealedByCase.Chunk(1000))
        {
            var keys = (await session.LoadManyAsync<PersonKey>(cancellation, chunk.Select(c => c.Value.KeyId).Distinct()))
                .ToDictionary(k => k.Id, StringComparer.Ordinal);
            foreach (var (caseId, sealedDetails) in chunk)
            {
                profiles[caseId] = keys.TryGetValue(sealedDetails.KeyId, out var key)
                    ? PersonProfile.Of(PersonalData.Unseal(key, sealedDetails))
                    : PersonProfile.Unknown;
            }
        }
        return new CaseBook(country, zone, streams, profiles);
    }
}
