using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Running;
using FastProcedures.Workflows.Crisis;

namespace FastProcedures.Procedures.Tests.WhatIf;

/// <summary>
/// The routing facts of <c>register-and-route</c> (separate application after consent, safe country of origin) and the
/// crisis data of <c>apply-crisis-derogation</c> run in memory through the pinned definitions, as
/// <c>fastproc what-if</c> runs them.
/// </summary>
public sealed class when_routing_and_crisis_facts_are_recorded
{
    private const string Made = """
        country: BG
        steps:
          - at: 2026-09-01T09:00:00+03:00
            command: make-application
            with: { place: Territory, location: Sofia, nationality: SYR, hasTravelDocument: true, applicant: { fullName: Example Applicant } }

        """;

    private static string RegisteredAndRouted(string facts) => Made + $$"""
          - at: 2026-09-02T09:00:00+03:00
            command: register-and-route
            with: { securityGrounds: false, misledAuthorities: false, subsequent: None, unaccompaniedMinor: false, safeThirdCountry: false, borderCapacityReached: false{{facts}} }

        """;

    private static WhatIfResult Run(string yaml, WorkflowCatalog catalog) =>
        Cases.Running.WhatIf.Run(Cases.Running.WhatIf.Parse(yaml.ReplaceLineEndings("\n"), ["BG", "RO"]), catalog, null);

    private static IReadOnlyList<WorkflowView> Workflows(WhatIfResult result) =>
        result.Cases.Single(c => c.Id == "BG-2026-000001").Workflows;

    private static WorkflowCatalog WithCrisis(string type) => new(Repository.Registry)
    {
        Crises = new CrisisPeriods(1,
        [
            new("bg-2026-1", "BG", "Council Implementing Decision (EU) 2026/NNNN", new DateOnly(2026, 8, 15), new DateOnly(2026, 11, 14), [])
                { Type = type },
        ]),
    };

    [Fact]
    public void a_safe_country_of_origin_routes_to_the_accelerated_procedure()
    {
        // APR Art. 42(1)(b): the accelerated procedure applies where the applicant is a national of a safe country of
        // origin. Without the fact the same Syrian application goes to the regular procedure.
        var plain = Workflows(Run(RegisteredAndRouted(""), new WorkflowCatalog(Repository.Registry)));
        var safe = Workflows(Run(RegisteredAndRouted(", safeCountryOfOrigin: true"), new WorkflowCatalog(Repository.Registry)));

        Assert.Contains(plain, w => w.Id == "regular-procedure");
        Assert.Contains(safe, w => w.Id == "accelerated-procedure");
        Assert.DoesNotContain(safe, w => w.Id == "regular-procedure");
    }

    [Fact]
    public void a_separate_application_after_consent_is_examined_for_inadmissibility_within_ten_working_days()
    {
        // APR Art. 38(1)(e): inadmissible where a spouse, partner or accompanied minor applies separately after consenting
        // to an application on their behalf without facts justifying it; Art. 35(1): "within ten working days".
        var result = Run(RegisteredAndRouted(", separateApplicationAfterConsent: true"), new WorkflowCatalog(Repository.Registry));

        var inadmissibility = Assert.Single(Workflows(result), w => w.Id == "inadmissibility");
        var limit = Assert.Single(inadmissibility.Timers, t => t.Id == "short-examination-limit");
        // Ten working days from registration on Wednesday 2 September 2026: Unification Day falls on Sunday 6 September
        // and Monday 7 September is off in its place, so the tenth working day is Thursday 17 September.
        Assert.Equal(DateTimeOffset.Parse("2026-09-18T00:00:00+03:00"), limit.ExpiresAt);
    }

    private const string ResponsibilityCheck = """
          - at: 2026-09-02T09:00:00+03:00
            command: register-application
            with: { procedure: regular-procedure, ground: "APR Art. 34", legalBasis: "APR Art. 27, Art. 34" }
          - at: 2026-09-02T10:00:00+03:00
            command: start-responsibility-check
          - at: 2026-09-03T10:00:00+03:00
            command: apply-crisis-derogation
            with: { crisisId: bg-2026-1, coversCase: true, timers: [] }

        """;

    private static TimerView TakeCharge(WhatIfResult result) =>
        Workflows(result).Single(w => w.Id == "ammr-responsibility").Timers.Single(t => t.Id == "take-charge-request");

    [Fact]
    public void a_crisis_of_mass_arrivals_extends_the_take_charge_limit_and_one_of_instrumentalisation_does_not()
    {
        // CFMR Art. 12(2)(a) (unconfirmed): four months instead of the two of AMMR Art. 39(1); CFMR Art. 12 does not
        // apply in a situation of instrumentalisation. The type comes from the declared period, not from the caller.
        var massArrivals = TakeCharge(Run(Made + ResponsibilityCheck, WithCrisis("mass-arrivals")));
        var instrumentalisation = TakeCharge(Run(Made + ResponsibilityCheck, WithCrisis("instrumentalisation")));

        // Two months from registration on Wednesday 2 September end with Monday 2 November.
        Assert.Equal(DateTimeOffset.Parse("2026-11-03T00:00:00+02:00"), instrumentalisation.ExpiresAt);
        // Four months end with Saturday 2 January 2027, moved to Monday 4 January (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2027-01-05T00:00:00+02:00"), massArrivals.ExpiresAt);
    }
}
