using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>
/// Reg. (EC) 862/2007 Art. 7 as amended by Reg. (EU) 2020/851: third-country nationals ordered to leave (a return
/// decision, RD Art. 6) and returned following an order to leave, by citizenship, age and sex, and the returned by type
/// of return (voluntary departure, RD Art. 7; enforced removal, RD Art. 8), quarterly. Eurostat metadata
/// migr_eil_esms: persons counted once per reference period; published rounded to the nearest 5.
/// </summary>
public static class ReturnTables
{
    private const string Basis = "Reg. (EC) 862/2007 as amended by Reg. (EU) 2020/851, Art. 7(1)";
    private const string Metadata = "https://ec.europa.eu/eurostat/cache/metadata/en/migr_eil_esms.htm";

    private static readonly (string, string)[] Person = [("citizen", Codes.Total), ("sex", "T"), ("age", Codes.Total)];

    public static readonly TableDefinition OrderedToLeave = new("migr_eiord",
        "Third-country nationals ordered to leave by citizenship, age and sex - quarterly data",
        $"{Basis}(a)", Metadata, Frequency.Quarterly, Person, Rounded: true);

    public static readonly TableDefinition Returned = new("migr_eirtn",
        "Third-country nationals returned following an order to leave by citizenship, age and sex - quarterly data",
        $"{Basis}(b)", Metadata, Frequency.Quarterly, Person, Rounded: true);

    // unconfirmed: the type-of-return dimension's name and codes (docs/legal-notes.md).
    public static readonly TableDefinition ReturnedByType = new("migr_eirt_vol",
        "Third-country nationals returned following an order to leave by type of return and citizenship - quarterly data",
        $"{Basis}(b)", Metadata, Frequency.Quarterly, [("citizen", Codes.Total), ("type", Codes.Total)], Rounded: true);

    public static IEnumerable<Table> Quarterly(CaseBook book, ReferencePeriod quarter)
    {
        ReferencePeriod[] periods = [quarter];
        var ordered = new List<Observation>();
        var returned = new List<Observation>();
        var byType = new List<Observation>();
        foreach (var r in book.Returns)
        {
            var (person, profile) = book.PersonOf(r);
            var citizen = (IReadOnlyList<string>)[Codes.Total, Codes.Citizen(r.Nationality)];
            if (r.Decision is { } decision && quarter.Contains(book.LocalDate(decision.DecidedAt)))
            {
                var day = book.LocalDate(decision.DecidedAt);
                ordered.Add(new Observation(quarter, person, [citizen, Codes.Sex(profile.Sex), Codes.AgeGroup(Codes.AgeOn(profile.DateOfBirth, day))]));
            }
            foreach (var (at, type) in new[] { (r.RemovedAt, "ENF"), (r.DepartedVoluntarilyAt, "VOL") })
            {
                if (at is { } left && quarter.Contains(book.LocalDate(left)))
                {
                    var day = book.LocalDate(left);
                    returned.Add(new Observation(quarter, person, [citizen, Codes.Sex(profile.Sex), Codes.AgeGroup(Codes.AgeOn(profile.DateOfBirth, day))]));
                    byType.Add(new Observation(quarter, person, [citizen, [Codes.Total, type]]));
                }
            }
        }
        yield return Table.Count(OrderedToLeave, book.Country, periods, ordered);
        yield return Table.Count(Returned, book.Country, periods, returned);
        yield return Table.Count(ReturnedByType, book.Country, periods, byType);
    }
}
