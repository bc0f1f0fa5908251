using FastProcedures.Cases.Asylum;
using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>
/// Reg. (EC) 862/2007 Art. 4(4) as amended by Reg. (EU) 2020/851 ("Dublin" statistics, now AMMR Reg. (EU) 2024/1351
/// responsibility requests): outgoing requests by partner State, type of request and legal provision; outgoing
/// requests based on a Eurodac hit; outgoing transfers; each by sex and type of applicant (Reg. (EU) 2020/851: adults,
/// accompanied and unaccompanied minors; Eurostat metadata migr_dub_esms and the national SIMS files: RO, REDACO).
/// Persons counted once per quarter and cell; Eurostat does not round these tables.
/// </summary>
public static class ResponsibilityTables
{
    private const string Basis = "Reg. (EC) 862/2007 as amended by Reg. (EU) 2020/851, Art. 4(4)";
    private const string Metadata = "https://ec.europa.eu/eurostat/cache/metadata/en/migr_dub_esms.htm";

    // unconfirmed: the codes of the request-type, legal-provision and applicant-type dimensions (docs/legal-notes.md).
    public static readonly TableDefinition OutgoingRequests = new("migr_dubro",
        "Outgoing 'Dublin' requests by receiving country (PARTNER), type of request, legal provision, sex and type of applicant (RO)",
        $"{Basis}(a)-(b)", Metadata, Frequency.Quarterly,
        [("partner", Codes.Total), ("request", Codes.Total), ("leg_prov", Codes.Total), ("sex", "T"), ("applicant", Codes.Total)], Rounded: false);

    public static readonly TableDefinition OutgoingEurodacRequests = new("migr_dubro",
        "Outgoing 'Dublin' requests based on a Eurodac hit by receiving country (PARTNER), type of request, legal provision, sex and type of applicant (REDACO)",
        $"{Basis}(a)", Metadata, Frequency.Quarterly,
        [("partner", Codes.Total), ("request", Codes.Total), ("leg_prov", Codes.Total), ("sex", "T"), ("applicant", Codes.Total)], Rounded: false,
        FileName: "migr_dubro-eurodac");

    public static readonly TableDefinition OutgoingTransfers = new("migr_dubto",
        "Outgoing 'Dublin' transfers by receiving country (PARTNER), sex and type of applicant",
        $"{Basis}(e)", Metadata, Frequency.Quarterly, [("partner", Codes.Total), ("sex", "T"), ("applicant", Codes.Total)], Rounded: false);

    public static IEnumerable<Table> Quarterly(CaseBook book, ReferencePeriod quarter)
    {
        ReferencePeriod[] periods = [quarter];
        var requests = new List<Observation>();
        var eurodac = new List<Observation>();
        var transfers = new List<Observation>();
        foreach (var a in book.Asylum)
        {
            var profile = book.ProfileOf(a);
            var sex = Codes.Sex(profile.Sex);
            string? partner = null;
            foreach (var e in a.ResponsibilityEvents)
            {
                var day = book.LocalDate(e.At);
                var inQuarter = quarter.Contains(day);
                var applicant = ApplicantType(a, Codes.AgeOn(profile.DateOfBirth, day));
                switch (e.Data)
                {
                    case TakeChargeRequestSent charge:
                        partner = Partner(charge.RequestedState);
                        if (inQuarter)
                        {
                            requests.Add(new Observation(quarter, a.Person, [[Codes.Total, partner], [Codes.Total, "TAKE_CHG"], [Codes.Total, Codes.Unknown], sex, applicant]));
                            if (charge.EurodacHit)
                            {
                                eurodac.Add(new Observation(quarter, a.Person, [[Codes.Total, partner], [Codes.Total, "TAKE_CHG"], [Codes.Total, Codes.Unknown], sex, applicant]));
                            }
                        }
                        break;
                    case TakeBackNotificationSent back:
                        partner = Partner(back.RequestedState);
                        if (inQuarter)
                        {
                            requests.Add(new Observation(quarter, a.Person, [[Codes.Total, partner], [Codes.Total, "TAKE_BCK"], [Codes.Total, Codes.Unknown], sex, applicant]));
                        }
                        break;
                    case TransferExecuted when inQuarter:
                        transfers.Add(new Observation(quarter, a.Person, [[Codes.Total, partner ?? Codes.Unknown], sex, applicant]));
                        break;
                }
            }
        }
        yield return Table.Count(OutgoingRequests, book.Country, periods, requests);
        yield return Table.Count(OutgoingEurodacRequests, book.Country, periods, eurodac);
        yield return Table.Count(OutgoingTransfers, book.Country, periods, transfers);
    }

    /// <summary>Type of applicant on the day of the request or transfer: ADULT, UAM (unaccompanied minor), ACM
    /// (accompanied minor: under 18, not marked unaccompanied at screening), UNK (age unknown).</summary>
    private static IReadOnlyList<string> ApplicantType(AsylumHistory application, int? age) => age switch
    {
        null => [Codes.Total, Codes.Unknown],
        >= 18 => [Codes.Total, "ADULT"],
        _ => [Codes.Total, application.UnaccompaniedMinor ? "UAM" : "ACM"],
    };

    /// <summary>The partner State as Eurostat codes it (alpha-2, EL for Greece), from what the request recorded.</summary>
    public static string Partner(string requestedState)
    {
        var state = requestedState.Trim().ToUpperInvariant();
        return state.Length switch
        {
            2 => state == "GR" ? "EL" : state == "GB" ? "UK" : state,
            3 => Codes.Citizen(state),
            _ => Codes.Unknown,
        };
    }
}
