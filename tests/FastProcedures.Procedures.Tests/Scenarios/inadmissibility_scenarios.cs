using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class inadmissibility_scenarios
{
    [Fact]
    public void under_v1_a_safe_third_country_case_must_be_decided_within_ten_working_days_and_the_breach_is_escalated()
    {
        var run = new Scenario("inadmissibility", version: 1); // cases pinned to v1 keep v1
        run.Start("2026-12-18T10:00:00+02:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(b)"));
        run.On("ApplicationLodged", "2026-12-18T11:00:00+02:00");
        run.Tick("2027-01-12T00:00:00+02:00");

        // Ten working days from Friday 18 December 2026 skip the Bulgarian Christmas holidays and New Year.
        Assert.Contains("ExaminationLimitExceeded", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_inadmissibility_decision_within_two_months_is_appealed_in_the_short_window()
    {
        var run = new Scenario("inadmissibility", "RO");
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(a)"));
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");
        run.On("InterviewHeld", "2026-07-20T10:00:00+03:00");
        run.On("DecisionIssued", "2026-08-14T10:00:00+03:00", ("outcome", "inadmissible"), ("negative", true));
        run.On("AppealLodged", "2026-08-18T10:00:00+03:00", ("suspensive_effect", false));
        run.On("AppealDecided", "2026-09-18T10:00:00+03:00", ("outcome", "dismissed"));
        run.On("DecisionBecameFinal", "2026-09-18T10:00:00+03:00", ("negative", true));

        Assert.False(run.State.Timers.ContainsKey("short-examination-limit"));
        Assert.Equal(["ReturnDecisionRequested", "AsylumCaseHandedOver"], run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void the_two_month_limit_is_breached_and_escalated_while_the_lodging_and_appeal_windows_elapse()
    {
        // The two months bind the authority (APR Art. 35(1)); the 21 days to lodge (Art. 28(1)) and the time to appeal
        // (Art. 67(7)) are the applicant's: running out, they elapse and their consequences follow, no breach.
        var run = new Scenario("inadmissibility");
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(a)"));
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("ApplicationLodged", "2026-07-24T10:00:00+03:00");
        run.Tick("2026-09-18T00:00:00+03:00");
        run.Tick("2026-09-25T00:00:00+03:00");
        run.On("DecisionIssued", "2026-09-28T10:00:00+03:00", ("outcome", "inadmissible"), ("negative", true));
        // Limb (b) of APR Art. 67(7), 14 days in BG: from Monday 28 September to Monday 12 October.
        run.Tick("2026-10-13T00:00:00+03:00");

        Assert.Equal(["ApplicationNotLodged", "DeadlineApproaching", "ExaminationLimitExceeded", "AppealWindowClosed"], run.MessagesTo("asylum"));
        Assert.Equal(["examination-limit"], run.Effects.OfType<Workflows.TimerBreached>().Select(b => b.Timer));
        Assert.Equal(["lodging-limit", "appeal-deadline"], run.Effects.OfType<Workflows.TimerElapsed>().Select(e => e.Timer));
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (inadmissibility v2).

    [Fact]
    public void a_safe_third_country_case_has_two_months_from_lodging_not_ten_working_days()
    {
        // APR Art. 35(1): two months for Art. 38(1)(a)-(d) and 38(2); ten working days only for Art. 38(1)(e).
        var run = new Scenario("inadmissibility");
        run.Start("2026-12-18T10:00:00+02:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(b)"));
        run.On("ApplicationLodged", "2026-12-18T11:00:00+02:00");

        Assert.False(run.State.Timers.ContainsKey("short-examination-limit"));
        // Two months from Friday 18 December 2026: Thursday 18 February 2027.
        Assert.Equal(DateTimeOffset.Parse("2027-02-19T00:00:00+02:00"), run.ExpiryOf("examination-limit"));
    }

    [Fact]
    public void the_article_38_1_e_case_has_ten_working_days()
    {
        // APR Art. 35(1) second subparagraph: "within ten working days".
        var run = new Scenario("inadmissibility");
        run.Start("2026-12-18T10:00:00+02:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(e)"));
        run.Tick("2027-01-12T00:00:00+02:00");

        // Ten working days from Friday 18 December 2026 skip the Bulgarian Christmas holidays and New Year.
        Assert.Contains("ExaminationLimitExceeded", run.MessagesTo("asylum"));
        Assert.Equal("P10D", run.Timer("short-examination-limit").Period);
    }

    [Fact]
    public void the_two_months_may_be_extended_by_two_months_at_most()
    {
        // APR Art. 35(2): "by no more than two months" (disproportionate numbers, complex issues, applicant's delay).
        var run = new Scenario("inadmissibility");
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(b)"));
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");
        run.On("ExaminationPeriodExtended", "2026-08-20T10:00:00+03:00", ("reason", "complex-issues"));
        run.On("ExaminationPeriodExtended", "2026-10-20T10:00:00+03:00", ("reason", "complex-issues"));

        Assert.Equal("P4M", run.Timer("examination-limit").Period);
    }

    [Fact]
    public void absconding_does_not_suspend_the_admissibility_limit()
    {
        var run = new Scenario("inadmissibility");
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "inadmissibility"), ("ground", "APR Art. 38(1)(b)"));
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");

        var effects = run.On("ApplicantAbsconded", "2026-07-10T10:00:00+03:00");

        // APR Art. 41: implicit withdrawal is considered; no limit stands still.
        Assert.Equal(["ImplicitWithdrawalToConsider"], effects.OfType<Workflows.MessageSent>().Select(m => m.Message));
        Assert.Empty(effects.OfType<Workflows.TimerSuspended>());
    }
}
