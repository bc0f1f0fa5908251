using FastProcedures.Cases.Procedures;
using FastProcedures.Cases.Running;

namespace FastProcedures.Procedures.Tests.WhatIf;

/// <summary>
/// The AMMR facts of revision 2 of the legal reference recorded through the use cases (<c>record-eurodac-hit</c>,
/// <c>suspend-transfer</c>, <c>record-imprisonment</c>) and run in memory through the pinned responsibility
/// definition, as <c>fastproc what-if</c> runs them.
/// </summary>
public sealed class when_the_responsibility_check_records_ammr_facts
{
    private static readonly WorkflowCatalog Catalog = new(Repository.Registry);

    private const string Opening = """
        country: BG
        steps:
          - at: 2026-09-01T09:00:00+03:00
            command: make-application
            with: { place: Territory, location: Sofia, nationality: SYR, hasTravelDocument: true, applicant: { fullName: Example Applicant } }
          - at: 2026-09-02T09:00:00+03:00
            command: register-application
            with: { procedure: regular-procedure, ground: "APR Art. 34", legalBasis: "APR Art. 27, Art. 34" }
          - at: 2026-09-02T10:00:00+03:00
            command: start-responsibility-check

        """;

    /// <summary>Silence on the request is acceptance (AMMR Art. 40(1)): the case reaches the transfer decision and the
    /// six months of Art. 46(1) run from it.</summary>
    private const string Accepted = Opening + """
          - at: 2026-09-07T09:00:00+03:00
            command: send-take-charge-request
            with: { requestedState: DE, eurodacHit: false }

        """;

    private static WhatIfResult Run(string yaml, string? until = null) =>
        Cases.Running.WhatIf.Run(Cases.Running.WhatIf.Parse(yaml.ReplaceLineEndings("\n"), ["BG", "RO"]), Catalog,
            until is null ? null : DateTimeOffset.Parse(until));

    private static TimerView? Timer(WhatIfResult result, string timer) =>
        result.Cases.Single(c => c.Id == "BG-2026-000001").Workflows.Single(w => w.Id == "ammr-responsibility")
            .Timers.SingleOrDefault(t => t.Id == timer);

    [Fact]
    public void a_take_charge_request_is_due_within_one_month_of_the_hit_not_of_its_recording()
    {
        // AMMR Art. 39(1): the request is made "within one month of receiving the hit"; the case records the instant
        // the hit was received (hitAt), which may be earlier than the day it is recorded.
        var result = Run(Opening + """
              - at: 2026-09-04T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeCharge, hitAt: "2026-09-03T15:00:00+03:00" }
            """);

        var limit = Timer(result, "take-charge-request-after-hit")!;
        Assert.Equal(DateTimeOffset.Parse("2026-09-03T15:00:00+03:00"), limit.StartedAt);
        // One month from Thursday 3 September ends with Saturday 3 October: moved to Monday 5 October (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2026-10-06T00:00:00+03:00"), limit.ExpiresAt);
        Assert.Equal("running", limit.Status);
        Assert.Null(Timer(result, "take-back-notification"));
    }

    [Fact]
    public void a_take_back_notification_is_due_within_two_weeks_of_the_hit()
    {
        // AMMR Art. 41(1): "as quickly as possible and in any event within two weeks after receiving the Eurodac hit".
        var result = Run(Opening + """
              - at: 2026-09-03T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeBack, hitAt: "2026-09-03T08:00:00+03:00" }
            """, "2026-09-18T00:00:00+03:00");

        var limit = Timer(result, "take-back-notification")!;
        // Two weeks from Thursday 3 September: Thursday 17 September.
        Assert.Equal(DateTimeOffset.Parse("2026-09-18T00:00:00+03:00"), limit.ExpiresAt);
        Assert.Equal("breached", limit.Status);
        Assert.Null(Timer(result, "take-charge-request-after-hit"));
    }

    [Fact]
    public void a_hit_in_the_future_or_before_the_check_started_is_refused_naming_the_step()
    {
        var future = Assert.Throws<WhatIfException>(() => Run(Opening + """
              - at: 2026-09-03T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeCharge, hitAt: "2026-09-04T09:00:00+03:00" }
            """));
        Assert.StartsWith("step 4 (record-eurodac-hit): refused: HitAt", future.Message);

        var early = Assert.Throws<WhatIfException>(() => Run("""
            country: BG
            steps:
              - at: 2026-09-01T09:00:00+03:00
                command: make-application
                with: { place: Territory, location: Sofia, nationality: SYR, hasTravelDocument: true, applicant: { fullName: Example Applicant } }
              - at: 2026-09-02T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeBack, hitAt: "2026-09-02T08:00:00+03:00" }
            """));
        Assert.Contains("has not started (start-responsibility-check)", early.Message);
    }

    [Fact]
    public void imprisonment_extends_the_transfer_period_to_one_year()
    {
        // AMMR Art. 46(2) (unconfirmed: 1 year where the transfer could not be carried out because of imprisonment).
        var result = Run(Accepted + """
              - at: 2026-11-02T09:00:00+02:00
                command: record-imprisonment
            """);

        var period = Timer(result, "transfer-period")!;
        Assert.Equal("running", period.Status);
        Assert.Equal(period.StartedAt.AddYears(1).Date, period.ExpiresAt.AddDays(-1).Date);
        Assert.Contains(result.Timeline, e => e.Event == "ApplicantImprisoned");
        Assert.Contains(result.Timeline, e => e.Detail.StartsWith("timer transfer-period extended to P1Y", StringComparison.Ordinal));
    }

    [Fact]
    public void imprisonment_without_a_running_transfer_period_is_refused()
    {
        var refused = Assert.Throws<WhatIfException>(() => Run(Opening + """
              - at: 2026-09-03T09:00:00+03:00
                command: record-imprisonment
            """));

        Assert.Equal("step 4 (record-imprisonment): refused: No period of case BG-2026-000001 runs that imprisonment extends: "
                     + "it extends the transfer period (AMMR Art. 46(2)).", refused.Message);
    }

    [Fact]
    public void a_court_suspending_the_transfer_stops_the_period_which_runs_again_for_six_months_from_the_final_decision()
    {
        // AMMR Art. 46(1): the transfer takes place "within six months of the acceptance ... or of the final decision
        // on an appeal or review of a transfer decision with suspensive effect in accordance with Article 43(3)".
        var result = Run(Accepted + """
              - at: 2026-10-20T09:00:00+03:00
                command: lodge-appeal
                with: { court: Administrative Court Sofia, suspensiveEffect: false, against: TransferDecision }
              - at: 2026-10-21T09:00:00+03:00
                command: suspend-transfer
                with: { court: Administrative Court Sofia }
              - at: 2026-12-01T09:00:00+02:00
                command: decide-appeal
                with: { outcome: Dismissed, against: TransferDecision }
            """);

        Assert.Contains(result.Timeline, e => e.Event == "TransferSuspended");
        Assert.Contains(result.Timeline, e => e.At == DateTimeOffset.Parse("2026-10-21T09:00:00+03:00")
            && e.Detail.StartsWith("timer transfer-period stopped", StringComparison.Ordinal));
        var period = Timer(result, "transfer-period")!;
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T09:00:00+02:00"), period.StartedAt);
        Assert.Equal("running", period.Status);
    }

    [Fact]
    public void a_suspension_without_a_pending_transfer_appeal_is_refused()
    {
        var refused = Assert.Throws<WhatIfException>(() => Run(Accepted + """
              - at: 2026-10-21T09:00:00+03:00
                command: suspend-transfer
                with: { court: Administrative Court Sofia }
            """));

        Assert.Contains("has no pending appeal against a transfer decision", refused.Message);
    }

    [Fact]
    public void the_same_hit_recorded_again_records_nothing_and_a_contrary_one_is_refused()
    {
        const string twice = Opening + """
              - at: 2026-09-04T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeCharge, hitAt: "2026-09-03T15:00:00+03:00" }
              - at: 2026-09-05T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeCharge, hitAt: "2026-09-03T15:00:00+03:00" }

            """;

        Assert.Single(Run(twice).Timeline, e => e.Event == "EurodacHitReceived");
        var contrary = Assert.Throws<WhatIfException>(() => Run(twice + """
              - at: 2026-09-06T09:00:00+03:00
                command: record-eurodac-hit
                with: { leadsTo: TakeBack, hitAt: "2026-09-03T15:00:00+03:00" }
            """));
        Assert.Equal("step 6 (record-eurodac-hit): refused: Case BG-2026-000001 has a Eurodac hit leading to take-charge already.",
            contrary.Message);
    }
}
