using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Running;

namespace FastProcedures.Procedures.Tests.WhatIf;

/// <summary>
/// The registration and lodging facts of revision 2 of the legal reference recorded through the use cases
/// (<c>record-disproportionate-number-of-applications</c>, <c>record-presentation-after-transfer</c>) and run in
/// memory through the pinned definitions, as <c>fastproc what-if</c> runs them.
/// </summary>
public sealed class when_registration_and_lodging_facts_are_recorded
{
    private static readonly WorkflowCatalog Catalog = new(Repository.Registry);

    private const string Made = """
        country: BG
        steps:
          - at: 2026-09-01T09:00:00+03:00
            command: make-application
            with: { place: Territory, location: Sofia, nationality: SYR, hasTravelDocument: true, applicant: { fullName: Example Applicant } }

        """;

    private const string Registered = Made + """
          - at: 2026-09-02T09:00:00+03:00
            command: register-application
            with: { procedure: regular-procedure, ground: "APR Art. 34", legalBasis: "APR Art. 27, Art. 34" }

        """;

    private static WhatIfResult Run(string yaml, string? until = null) =>
        Cases.Running.WhatIf.Run(Cases.Running.WhatIf.Parse(yaml.ReplaceLineEndings("\n"), ["BG", "RO"]), Catalog,
            until is null ? null : DateTimeOffset.Parse(until));

    private static TimerView? Timer(WhatIfResult result, string workflow, string timer) =>
        result.Cases.Single(c => c.Id == "BG-2026-000001").Workflows.Single(w => w.Id == workflow)
            .Timers.SingleOrDefault(t => t.Id == timer);

    [Fact]
    public void a_disproportionate_number_of_applications_gives_fifteen_days_to_register()
    {
        // APR Art. 27(2) (unconfirmed): registration "no later than 15 days after the application is made" where a
        // disproportionate number of applications made at the same time makes the 5 days of Art. 27(1) very difficult.
        var plain = Timer(Run(Made, "2026-09-03T00:00:00+03:00"), "screening", "registration-limit")!;
        var result = Run(Made + """
              - at: 2026-09-02T09:00:00+03:00
                command: record-disproportionate-number-of-applications
              - at: 2026-09-02T10:00:00+03:00
                command: record-disproportionate-number-of-applications
            """);

        var limit = Timer(result, "screening", "registration-limit")!;
        // Five days from Tuesday 1 September end with Sunday 6 September, Unification Day, moved to the next working day
        // (Reg. 1182/71 Art. 3(4)); fifteen days end with Wednesday 16 September.
        Assert.True(plain.ExpiresAt < DateTimeOffset.Parse("2026-09-10T00:00:00+03:00"));
        Assert.Equal(DateTimeOffset.Parse("2026-09-17T00:00:00+03:00"), limit.ExpiresAt);
        Assert.Single(result.Timeline, e => e.Event == "DisproportionateNumberOfApplications");
    }

    [Fact]
    public void after_registration_a_disproportionate_number_of_applications_is_refused()
    {
        var refused = Assert.Throws<WhatIfException>(() => Run(Registered + """
              - at: 2026-09-03T09:00:00+03:00
                command: record-disproportionate-number-of-applications
            """));

        Assert.StartsWith("step 3 (record-disproportionate-number-of-applications): refused: No running limit", refused.Message);
    }

    [Fact]
    public void a_transferred_applicant_has_21_days_from_presenting_to_lodge_and_running_out_is_no_breach()
    {
        // APR Art. 28(2): the application is lodged within 21 days from the day the applicant presents himself or
        // herself to the Member State responsible after a transfer — a time for the applicant (kind: window).
        var result = Run(Registered + """
              - at: 2026-09-10T09:00:00+03:00
                command: record-presentation-after-transfer
            """, "2026-10-05T00:00:00+03:00");

        var window = Timer(result, "regular-procedure", "lodging-after-transfer")!;
        Assert.Equal(DateTimeOffset.Parse("2026-09-10T09:00:00+03:00"), window.StartedAt);
        // 21 days from Thursday 10 September: Thursday 1 October.
        Assert.Equal(DateTimeOffset.Parse("2026-10-02T00:00:00+03:00"), window.ExpiresAt);
        Assert.Equal("elapsed", window.Status);
        Assert.Contains(result.Timeline, e => e.Detail.StartsWith("message ApplicationNotLodged sent to asylum (lodging-after-transfer elapsed", StringComparison.Ordinal));
    }

    [Fact]
    public void presenting_before_registration_or_after_lodging_is_refused()
    {
        var early = Assert.Throws<WhatIfException>(() => Run(Made + """
              - at: 2026-09-02T09:00:00+03:00
                command: record-presentation-after-transfer
            """));
        Assert.EndsWith("register the application first.", early.Message);

        var late = Assert.Throws<WhatIfException>(() => Run(Registered + """
              - at: 2026-09-03T09:00:00+03:00
                command: lodge-application
              - at: 2026-09-04T09:00:00+03:00
                command: record-presentation-after-transfer
            """));
        Assert.Equal("step 4 (record-presentation-after-transfer): refused: The application of case BG-2026-000001 is lodged already (APR Art. 28).",
            late.Message);
    }
}
