using FastProcedures.Workflows.Routing;

namespace FastProcedures.Procedures.Tests.Routing;

public sealed class when_an_application_is_routed
{
    private static readonly RoutingRules Rules = Repository.Registry.Data!.Routing;
    private static readonly RecognitionRates Rates = Repository.Registry.Data!.RecognitionRates;

    private static ApplicationFacts Facts(
        string nationality = "SYR", Place place = Place.Border, bool security = false, bool misled = false,
        SubsequentApplication subsequent = SubsequentApplication.None, bool minor = false, bool safeThirdCountry = false,
        bool capacityReached = false, string date = "2026-07-01", string country = "BG") =>
        new(country, place, nationality, security, misled, subsequent, minor, safeThirdCountry, capacityReached, DateOnly.Parse(date));

    public static TheoryData<string, ApplicationFacts, string, string?, string> Cases => new()
    {
        { "low recognition rate at the border", Facts("MAR"), "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1), Art. 42(1)(j)" },
        { "low recognition rate, capacity reached", Facts("MAR", capacityReached: true), "accelerated-procedure", "APR Art. 42(1)(j)", "APR Art. 42(1)(j)" },
        { "low recognition rate in the territory", Facts("TUN", Place.Territory, country: "RO"), "accelerated-procedure", "APR Art. 42(1)(j)", "APR Art. 42(1)(j)" },
        { "unaccompanied minor, low recognition rate", Facts("MAR", minor: true), "accelerated-procedure", "APR Art. 42(1)(j)", "APR Art. 42(1)(j)" },
        { "security grounds at the border", Facts(security: true), "border-procedure", "APR Art. 42(1)(f)", "APR Art. 45(1), Art. 42(1)(f)" },
        { "security grounds, unaccompanied minor", Facts(security: true, minor: true), "border-procedure", "APR Art. 42(1)(f)", "APR Art. 45(1), Art. 42(1)(f)" },
        { "security grounds in the territory", Facts(place: Place.Territory, security: true), "accelerated-procedure", "APR Art. 42(1)(f)",
            "APR Art. 42(1)(f); border procedure not applied: in the territory or adequate capacity reached (APR Arts. 46-50)" },
        { "misled the authorities at the border", Facts(misled: true), "border-procedure", "APR Art. 42(1)(c)", "APR Art. 45(1), Art. 42(1)(c)" },
        { "misled the authorities, unaccompanied minor", Facts(misled: true, minor: true), "accelerated-procedure", "APR Art. 42(1)(c)", "APR Art. 42(1)(c)" },
        { "subsequent without new elements", Facts("MAR", subsequent: SubsequentApplication.WithoutNewElements), "inadmissibility", "APR Art. 38(1)(d)", "APR Art. 38(1)(d), Art. 55" },
        { "safe third country", Facts(safeThirdCountry: true, security: true), "inadmissibility", "APR Art. 38(1)(b)", "APR Art. 38(1)(b)" },
        { "subsequent with new elements", Facts(subsequent: SubsequentApplication.WithNewElements), "regular-procedure", "APR Art. 55", "APR Art. 55, Art. 35(4)" },
        { "high recognition rate at the border", Facts("SYR"), "regular-procedure", null, "APR Art. 35(4)" },
        { "nationality not in the table", Facts("XKX"), "regular-procedure", null, "APR Art. 35(4)" },
        { "nationality in lower case", Facts("mar"), "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1), Art. 42(1)(j)" },
        { "made on the day the Pact applies", Facts("MAR", date: "2026-06-12"), "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1), Art. 42(1)(j)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void it_goes_to_the_procedure_the_apr_prescribes(string why, ApplicationFacts facts, string procedure, string? ground, string legalBasis)
    {
        var decision = ProcedureRouter.Route(facts, Rules, Rates);

        Assert.True((procedure, ground, legalBasis) == (decision.Procedure, decision.Ground, decision.LegalBasis),
            $"{why}: got {decision.Procedure} / {decision.Ground} / {decision.LegalBasis} (rule {decision.Rule})");
        Assert.True(Repository.Registry.TryGet(decision.Procedure!, 1, out _), $"{decision.Procedure} is a definition");
    }

    [Fact]
    public void an_application_made_before_12_june_2026_stays_in_the_pre_pact_national_procedure()
    {
        var decision = ProcedureRouter.Route(Facts("MAR", date: "2026-06-11"), Rules, Rates);

        Assert.True(decision.PrePact);
        Assert.Null(decision.Procedure);
        Assert.Equal("pre-pact", decision.Rule);
        Assert.Contains("12 June 2026", decision.LegalBasis);
    }

    [Theory]
    [InlineData(20.0, "border-procedure")]
    [InlineData(20.1, "regular-procedure")]
    public void a_recognition_rate_of_twenty_percent_or_lower_is_low(double rate, string procedure)
    {
        var rates = Rates with { Rates = new Dictionary<string, decimal> { ["AAA"] = (decimal)rate } };

        var decision = ProcedureRouter.Route(Facts("AAA"), Rules, rates);

        Assert.Equal(procedure, decision.Procedure);
        Assert.Equal((decimal)rate, decision.RecognitionRate);
        Assert.Equal(Rates.ReferencePeriod, decision.RecognitionRatePeriod);
    }

    [Fact]
    public void the_rate_table_names_its_eurostat_period_and_version()
    {
        Assert.Matches("^[0-9]{4}", Rates.ReferencePeriod);
        Assert.True(Rates.Version >= 1);
        Assert.Contains("Eurostat", Rates.Source);
    }
}
