namespace FastProcedures.Workflows.Routing;

/// <summary>
/// Picks the procedure for an application from its facts and the routing data: pure, no I/O. APR Art. 45 makes the
/// border procedure mandatory at the border for Art. 42(1)(c), (f) and (j); above the adequate capacity (Arts. 46-50)
/// those cases go to the accelerated procedure; inadmissibility grounds (Art. 38) come first; else the regular
/// procedure. Applications made before the rules' <c>applies-from</c> (12 June 2026) are pre-Pact.
/// </summary>
public static class ProcedureRouter
{
    public static RoutingDecision Route(ApplicationFacts facts, RoutingRules rules, RecognitionRates rates)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(facts.Country);
        ArgumentException.ThrowIfNullOrWhiteSpace(facts.Nationality);
        var rate = rates.RateOf(facts.Nationality);
        if (facts.ApplicationDate < rules.AppliesFrom)
        {
            return new RoutingDecision(null, null, rules.PrePactLegalBasis, "pre-pact", rate, rates.ReferencePeriod);
        }
        var values = new Dictionary<string, string>(Conditions(facts, rate, rules.LowRecognitionThreshold), StringComparer.Ordinal);
        // Dated data (APR Arts. 47-48, 42(1)(b)) joins the facts given at registration.
        var adequate = facts.BorderCapacityReached || rules.Released(facts.Country, facts.ApplicationDate, "adequate-capacity");
        values["adequate-capacity-reached"] = Bool(adequate);
        values["border-capacity-reached"] = Bool(adequate);
        values["annual-maximum-reached"] = Bool(rules.Released(facts.Country, facts.ApplicationDate, "annual-maximum"));
        values["safe-country-of-origin"] = Bool(facts.SafeCountryOfOrigin
            || rules.SafeCountriesOfOrigin.Contains(facts.Nationality.ToUpperInvariant()));
        var rule = rules.Rules.First(r => r.When.All(c => values[c.Key] == c.Value));
        return new RoutingDecision(rule.Procedure, rule.Ground, rule.LegalBasis, rule.Id, rate, rates.ReferencePeriod);
    }

    /// <summary>The facts as the condition names and values of routing-rules.yaml. A nationality missing from the
    /// table has no known rate and so no Art. 42(1)(j) ground.</summary>
    public static IReadOnlyDictionary<string, string> Conditions(ApplicationFacts facts, decimal? rate, decimal threshold) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["place"] = facts.Place == Place.Border ? "border" : "territory",
            ["subsequent"] = facts.Subsequent switch
            {
                SubsequentApplication.WithNewElements => "with-new-elements",
                SubsequentApplication.WithoutNewElements => "without-new-elements",
                _ => "none",
            },
            ["security-grounds"] = Bool(facts.SecurityGrounds),
            ["misled-authorities"] = Bool(facts.MisledAuthorities),
            ["low-recognition-rate"] = Bool(rate is { } r && r <= threshold),
            ["unaccompanied-minor"] = Bool(facts.UnaccompaniedMinor),
            ["safe-third-country"] = Bool(facts.SafeThirdCountry),
            ["border-capacity-reached"] = Bool(facts.BorderCapacityReached),
            ["adequate-capacity-reached"] = Bool(facts.BorderCapacityReached),
            ["annual-maximum-reached"] = "false",
            ["separate-application-after-consent"] = Bool(facts.SeparateApplicationAfterConsent),
            ["safe-country-of-origin"] = Bool(facts.SafeCountryOfOrigin),
        };

    private static string Bool(bool value) => value ? "true" : "false";
}
