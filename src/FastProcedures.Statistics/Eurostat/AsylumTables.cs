using FastProcedures.Cases.Asylum;
using FastProcedures.Statistics.Reading;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>
/// Reg. (EC) 862/2007 Art. 4(1)-(3) as amended by Reg. (EU) 2020/851: applicants, pending, withdrawals, accelerated
/// procedure and unaccompanied minors by month; first-instance and final decisions by quarter. Counting as the
/// Eurostat metadata say (migr_asyapp_esms, migr_asydec_esms): persons, each counted once per reference period and
/// cell; age in completed years on the day of the counted act (application, decision, end of month); citizenship,
/// age group and sex; published rounded to the nearest 5.
/// </summary>
public static class AsylumTables
{
    private const string Amended = "Reg. (EC) 862/2007 as amended by Reg. (EU) 2020/851";
    private const string ApplicationsMetadata = "https://ec.europa.eu/eurostat/cache/metadata/en/migr_asyapp_esms.htm";
    private const string DecisionsMetadata = "https://ec.europa.eu/eurostat/cache/metadata/en/migr_asydec_esms.htm";

    private static readonly (string, string)[] Person = [("citizen", Codes.Total), ("sex", "T"), ("age", Codes.Total)];

    public static readonly TableDefinition Applicants = new("migr_asyappctzm",
        "Asylum applicants by type of applicant, citizenship, age and sex - monthly data",
        $"{Amended}, Art. 4(1)(a), (d), (f)", ApplicationsMetadata, Frequency.Monthly,
        [.. Person, ("applicant", "ASY_APP")], Rounded: true);

    public static readonly TableDefinition Pending = new("migr_asypenctzm",
        "Persons subject of asylum applications pending at the end of the month by citizenship, age and sex - monthly data",
        $"{Amended}, Art. 4(1)(b)", ApplicationsMetadata, Frequency.Monthly, Person, Rounded: true);

    // unconfirmed: dataset code and the withdrawal-type codes (docs/legal-notes.md).
    public static readonly TableDefinition Withdrawn = new("migr_asywitctzm",
        "Asylum applications withdrawn by type of withdrawal, citizenship, age and sex - monthly data",
        $"{Amended}, Art. 4(1)(c)", ApplicationsMetadata, Frequency.Monthly, [.. Person, ("withdr", Codes.Total)], Rounded: true);

    // unconfirmed: dataset code (docs/legal-notes.md).
    public static readonly TableDefinition Accelerated = new("migr_asyaccctzm",
        "Asylum applicants whose applications are processed in the accelerated procedure by citizenship, age and sex - monthly data",
        $"{Amended}, Art. 4(1)(e)", ApplicationsMetadata, Frequency.Monthly, Person, Rounded: true);

    public static readonly TableDefinition UnaccompaniedMinors = new("migr_asyunaa",
        "Asylum applicants considered to be unaccompanied minors by citizenship, age and sex - monthly data",
        $"{Amended}, Art. 4(1)(g)", ApplicationsMetadata, Frequency.Monthly, Person, Rounded: true);

    public static readonly TableDefinition FirstInstanceDecisions = new("migr_asydcfstq",
        "First instance decisions on applications by citizenship, age and sex - quarterly data",
        $"{Amended}, Art. 4(2)(a)-(d)", DecisionsMetadata, Frequency.Quarterly, [.. Person, ("decision", Codes.Total)], Rounded: true);

    public static readonly TableDefinition FirstInstanceDecisionsOnUnaccompaniedMinors = FirstInstanceDecisions with
    {
        Title = "First instance decisions on applications of unaccompanied minors by citizenship, age and sex - quarterly data",
        LegalBasis = $"{Amended}, Art. 4(2), last subparagraph",
        FileName = "migr_asydcfstq-uam",
    };

    public static readonly TableDefinition FinalDecisions = new("migr_asydcfina",
        "Final decisions on applications by citizenship, age and sex (on appeal or review, no longer subject to remedy)",
        $"{Amended}, Art. 4(3)(a)-(d)", DecisionsMetadata, Frequency.Quarterly, [.. Person, ("decision", Codes.Total)], Rounded: true);

    /// <summary>The Art. 4(1) tables for every month of <paramref name="period"/>.</summary>
    public static IEnumerable<Table> Monthly(CaseBook book, ReferencePeriod period)
    {
        var months = period.Months;
        yield return Table.Count(Applicants, book.Country, months, months.SelectMany(m => ApplicantsIn(book, m)));
        yield return Table.Count(Pending, book.Country, months, months.SelectMany(m => PendingAt(book, m)));
        yield return Table.Count(Withdrawn, book.Country, months, months.SelectMany(m => WithdrawnIn(book, m)));
        yield return Table.Count(Accelerated, book.Country, months, months.SelectMany(m => AcceleratedIn(book, m)));
        yield return Table.Count(UnaccompaniedMinors, book.Country, months, months.SelectMany(m => UnaccompaniedMinorsIn(book, m)));
    }

    /// <summary>The Art. 4(2)-(3) tables for a quarter.</summary>
    public static IEnumerable<Table> Quarterly(CaseBook book, ReferencePeriod quarter)
    {
        ReferencePeriod[] periods = [quarter];
        var firstInstance = FirstInstanceIn(book, quarter).ToList();
        yield return Table.Count(FirstInstanceDecisions, book.Country, periods, firstInstance.Select(d => d.Observation));
        yield return Table.Count(FirstInstanceDecisionsOnUnaccompaniedMinors, book.Country, periods,
            firstInstance.Where(d => d.UnaccompaniedMinor).Select(d => d.Observation));
        yield return Table.Count(FinalDecisions, book.Country, periods, FinalIn(book, quarter));
    }

    /// <summary>Art. 4(1)(a), (d), (f): everyone who applied in the month once (ASY_APP); first-time applicants — no
    /// earlier application in this Member State (NASY_APP); subsequent applicants (SASY_APP).</summary>
    private static IEnumerable<Observation> ApplicantsIn(CaseBook book, ReferencePeriod month) =>
        from a in book.Asylum
        let made = book.LocalDate(a.MadeAt)
        where month.Contains(made)
        select Observe(book, month, a, made,
            (IReadOnlyList<string>)[
                "ASY_APP",
                .. a.FirstTime ? ["NASY_APP"] : Array.Empty<string>(),
                .. a.Subsequent ? ["SASY_APP"] : Array.Empty<string>()]);

    /// <summary>Art. 4(1)(b): applications under consideration (any instance) at the end of the month's last day.</summary>
    private static IEnumerable<Observation> PendingAt(CaseBook book, ReferencePeriod month) =>
        from a in book.Asylum
        where book.LocalDate(a.MadeAt) <= month.LastDay
            && (a.ConsiderationEndedAt is not { } ended || book.LocalDate(ended) > month.LastDay)
        select Observe(book, month, a, month.LastDay);

    /// <summary>Art. 4(1)(c): withdrawals, explicit and implicit (APR Art. 40-41; APD Art. 27-28). Only implicit
    /// withdrawals are recorded by a use case today (a decision <c>implicitly-withdrawn</c>).</summary>
    private static IEnumerable<Observation> WithdrawnIn(CaseBook book, ReferencePeriod month) =>
        from a in book.Asylum
        where a.Decision is { Outcome: DecisionOutcome.ImplicitlyWithdrawn }
        let day = book.LocalDate(a.Decision!.DecidedAt)
        where month.Contains(day)
        select Observe(book, month, a, day, (IReadOnlyList<string>)[Codes.Total, "IMPL"]);

    /// <summary>Art. 4(1)(e): persons who applied in the month and whose application is processed in an accelerated
    /// procedure (APR Art. 42; statistical-mapping.json).</summary>
    private static IEnumerable<Observation> AcceleratedIn(CaseBook book, ReferencePeriod month) =>
        from a in book.Asylum
        let made = book.LocalDate(a.MadeAt)
        where month.Contains(made) && a.Procedure is { } p && StatisticalMapping.Default.IsAccelerated(p.Procedure)
        select Observe(book, month, a, made);

    /// <summary>Art. 4(1)(g): applicants considered unaccompanied minors, under 18 on the day of the application.</summary>
    private static IEnumerable<Observation> UnaccompaniedMinorsIn(CaseBook book, ReferencePeriod month)
    {
        foreach (var a in book.Asylum.Where(a => a.UnaccompaniedMinor))
        {
            var made = book.LocalDate(a.MadeAt);
            var profile = book.ProfileOf(a);
            var age = Codes.AgeOn(profile.DateOfBirth, made);
            if (month.Contains(made) && age is null or < 18)
            {
                yield return new Observation(month, a.Person,
                    [[Codes.Total, Codes.Citizen(a.Nationality)], Codes.Sex(profile.Sex), Codes.MinorAgeGroup(age)]);
            }
        }
    }

    /// <summary>Art. 4(2): first-instance decisions taken in the quarter by outcome; an applicant is counted among the
    /// unaccompanied minors when still under 18 on the day of the decision.</summary>
    private static IEnumerable<(Observation Observation, bool UnaccompaniedMinor)> FirstInstanceIn(CaseBook book, ReferencePeriod quarter)
    {
        foreach (var a in book.Asylum)
        {
            if (a.Decision is not { } decision || Outcome(decision.Outcome) is not { } outcome)
            {
                continue;
            }
            var on = book.LocalDate(decision.DecidedAt);
            if (!quarter.Contains(on))
            {
                continue;
            }
            var age = Codes.AgeOn(book.ProfileOf(a).DateOfBirth, on);
            yield return (Observe(book, quarter, a, on, outcome), a.UnaccompaniedMinor && age is null or < 18);
        }
    }

    /// <summary>Art. 4(3): final decisions — taken on appeal or review (migr_asydec_esms §3.4) — in the quarter.
    /// A decision for the applicant counts as positive (TOTAL_POS) without a status: the court's ruling records none.</summary>
    private static IEnumerable<Observation> FinalIn(CaseBook book, ReferencePeriod quarter) =>
        from a in book.Asylum
        where a.AppealDecision is not null
        let day = book.LocalDate(a.AppealDecision!.DecidedAt)
        where quarter.Contains(day)
        select Observe(book, quarter, a, day, a.AppealDecision!.Outcome == AppealOutcome.Upheld
            ? [Codes.Total, "TOTAL_POS"]
            : [Codes.Total, "REJECTED"]);

    /// <summary>Eurostat's decision codes: GENCONV (refugee status), SUB_PROT (subsidiary protection), HUMSTAT
    /// (humanitarian reasons, national law: no outcome records it here), REJECTED (unfounded, manifestly unfounded,
    /// inadmissible). An implicit withdrawal is counted as a withdrawal (Art. 4(1)(c)), not as a decision.</summary>
    private static IReadOnlyList<string>? Outcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.GrantedRefugee => [Codes.Total, "TOTAL_POS", "GENCONV"],
        DecisionOutcome.GrantedSubsidiary => [Codes.Total, "TOTAL_POS", "SUB_PROT"],
        DecisionOutcome.RejectedUnfounded or DecisionOutcome.RejectedManifestlyUnfounded or DecisionOutcome.Inadmissible =>
            [Codes.Total, "REJECTED"],
        DecisionOutcome.ImplicitlyWithdrawn => null,
        _ => throw new InvalidOperationException($"No Eurostat decision code for {outcome}."),
    };

    private static Observation Observe(CaseBook book, ReferencePeriod period, AsylumHistory a, NodaTime.LocalDate on, params IReadOnlyList<string>[] more)
    {
        var profile = book.ProfileOf(a);
        return new Observation(period, a.Person,
            [[Codes.Total, Codes.Citizen(a.Nationality)], Codes.Sex(profile.Sex), Codes.AgeGroup(Codes.AgeOn(profile.DateOfBirth, on)), .. more]);
    }
}
