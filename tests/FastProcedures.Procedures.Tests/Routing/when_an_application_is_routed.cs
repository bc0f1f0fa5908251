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
        // APR Art. 48 releases only Art. 42(1)(j) cases: security and misleading stay in the mandatory border procedure.
        { "security grounds, capacity reached", Facts(security: true, capacityReached: true), "border-procedure", "APR Art. 42(1)(f)", "APR Art. 45(1), Art. 42(1)(f)" },
        { "misled the authorities, capacity reached", Facts(misled: true, capacityReached: true), "border-procedure", "APR Art. 42(1)(c)", "APR Art. 45(1), Art. 42(1)(c)" },
        { "separate application after consent", Facts(security: true) with { SeparateApplicationAfterConsent = true }, "inadmissibility", "APR Art. 38(1)(e)", "APR Art. 38(1)(e), Art. 35(1)" },
        { "safe country of origin", Facts("SYR") with { SafeCountryOfOrigin = true }, "accelerated-procedure", "APR Art. 42(1)(b)", "APR Art. 42(1)(b)" },
        { "low recognition rate in the territory", Facts("TUN", Place.Territory, country: "RO"), "accelerated-procedure", "APR Art. 42(1)(j)", "APR Art. 42(1)(j)" },
        { "unaccompanied minor, low recognition rate", Facts("MAR", minor: true), "accelerated-procedure", "APR Art. 42(1)(j)", "APR Art. 42(1)(j)" },
        { "security grounds at the border", Facts(security: true), "border-procedure", "APR Art. 42(1)(f)", "APR Art. 45(1), Art. 42(1)(f)" },
        { "security grounds, unaccompanied minor", Facts(security: true, minor: true), "border-procedure", "APR Art. 42(1)(f)", "APR Art. 45(1), Art. 42(1)(f)" },
        { "security grounds in the territory", Facts(place: Place.Territory, security: true), "accelerated-procedure", "APR Art. 42(1)(f)",
            "APR Art. 42(1)(f); border procedure not applied: the application was made in the territory" },
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

    [Theory]
    [InlineData("2026-10-01", "border-procedure")]
    [InlineData("2026-10-02", "accelerated-procedure")]
    [InlineData("2026-12-31", "accelerated-procedure")]
    [InlineData("2027-01-01", "border-procedure")]
    public void adequate_capacity_releases_low_recognition_cases_from_the_day_after_the_notification_to_the_end_of_the_year(string made, string procedure)
    {
        // APR Art. 48: after notifying that its adequate capacity is reached, the State is not required to examine
        // Art. 42(1)(j) cases in the border procedure for the remainder of the calendar year.
        var rules = Rules with
        {
            CapacityReleases = [new CapacityRelease("BG", "adequate-capacity", new DateOnly(2026, 10, 2), new DateOnly(2026, 12, 31), "Notification of 1 October 2026")],
        };

        Assert.Equal(procedure, ProcedureRouter.Route(Facts("MAR", date: made), rules, Rates).Procedure);
        Assert.Equal("border-procedure", ProcedureRouter.Route(Facts(security: true, date: made), rules, Rates).Procedure);
        Assert.Equal("border-procedure", ProcedureRouter.Route(Facts("MAR", country: "RO", date: made), rules, Rates).Procedure);
    }

    [Fact]
    public void the_annual_maximum_releases_misleading_but_never_security_cases()
    {
        // APR Art. 47 may release Art. 42(1)(c) and (j) cases, never (f) or Art. 42(3)(b).
        var rules = Rules with
        {
            CapacityReleases = [new CapacityRelease("BG", "annual-maximum", new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), "Commission Implementing Decision")],
        };

        Assert.Equal("accelerated-procedure", ProcedureRouter.Route(Facts(misled: true, date: "2026-11-05"), rules, Rates).Procedure);
        Assert.Equal("border-procedure", ProcedureRouter.Route(Facts(security: true, date: "2026-11-05"), rules, Rates).Procedure);
    }

    [Fact]
    public void a_designated_safe_country_of_origin_is_an_accelerated_ground()
    {
        var rules = Rules with { SafeCountriesOfOrigin = new HashSet<string> { "XKX" } };

        var decision = ProcedureRouter.Route(Facts("XKX", Place.Territory), rules, Rates);

        Assert.Equal(("accelerated-procedure", "APR Art. 42(1)(b)"), (decision.Procedure, decision.Ground));
    }
}
