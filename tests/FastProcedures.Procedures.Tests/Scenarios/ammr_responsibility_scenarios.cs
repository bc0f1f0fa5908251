using FastProcedures.Workflows;
using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class ammr_responsibility_scenarios
{
    private static Scenario Started(string country = "BG", int? version = null, bool detained = false)
    {
        var run = new Scenario("ammr-responsibility", country, version);
        if (detained)
        {
            run.Start("2026-07-06T10:00:00+03:00", ("detained", true));
            return run;
        }
        run.Start("2026-07-06T10:00:00+03:00");
        return run;
    }

    [Fact]
    public void the_take_charge_request_limits_count_from_registration_when_the_check_starts_later()
    {
        // AMMR Art. 39(1) and 45(1) (v3): "two weeks from the registration of the application" for a detained
        // applicant, two months otherwise; the check started later carries the registration in registered_at.
        var detained = new Scenario("ammr-responsibility");
        detained.Start("2026-07-08T10:00:00+03:00", ("detained", true), ("registered_at", "2026-07-06T10:00:00+03:00"));
        var free = new Scenario("ammr-responsibility");
        free.Start("2026-07-08T10:00:00+03:00", ("detained", false), ("registered_at", "2026-07-06T10:00:00+03:00"));

        // Monday 6 July + 2 weeks: Monday 20 July. + 2 months: Sunday 6 September, Unification Day, whose day off moves
        // to Monday 7 (Labour Code Art. 154(2)): the period ends with Tuesday 8 September (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2026-07-21T00:00:00+03:00"), detained.ExpiryOf("take-charge-request-detained"));
        Assert.Equal(DateTimeOffset.Parse("2026-09-09T00:00:00+03:00"), free.ExpiryOf("take-charge-request"));
    }

    [Fact]
    public void an_accepted_take_charge_request_leads_to_a_transfer_decision_an_appeal_window_and_the_transfer()
    {
        var run = Started();
        run.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        run.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "accepted"));
        run.On("TransferDecisionNotified", "2026-08-17T10:00:00+03:00");
        run.Tick("2026-08-25T00:00:00+03:00");
        run.On("TransferScheduled", "2026-09-01T10:00:00+03:00");
        run.On("TransferExecuted", "2026-09-15T10:00:00+03:00");

        Assert.Equal("transferred", run.State.Stage);
        Assert.Contains("TransferAppealWindowClosed", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void silence_on_a_take_charge_request_based_on_a_eurodac_hit_is_acceptance_after_two_weeks()
    {
        var run = Started();
        run.On("TakeChargeRequestSent", "2026-07-08T10:00:00+03:00", ("eurodac_hit", true));
        run.Tick("2026-07-23T00:00:00+03:00");

        Assert.Contains("TakeChargeAcceptedBySilence", run.MessagesTo("asylum"));
        Assert.Equal("transfer-decision", run.State.Stage);
        // Acceptance by silence starts the transfer-decision and transfer periods like an explicit acceptance.
        Assert.Equal(DateTimeOffset.Parse("2026-07-23T00:00:00+03:00"), run.Timer("transfer-period").StartedAt);
        Assert.Equal(Workflows.TimerStatus.Running, run.Timer("transfer-decision-notification").Status);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void silence_on_a_take_back_notification_is_confirmation()
    {
        var run = Started("RO");
        run.On("TakeBackNotificationSent", "2026-07-08T10:00:00+03:00");
        run.Tick("2026-07-23T00:00:00+03:00");

        Assert.Contains("TakeBackConfirmedBySilence", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_take_charge_request_not_sent_in_time_leaves_responsibility_here()
    {
        var run = Started();
        // Two months from Monday 6 July: Sunday 6 September, Unification Day, whose day off moves to Monday 7
        // September (Labour Code Art. 154(2)); so the period ends with Tuesday 8 September (Reg. 1182/71 Art. 3(4)).
        var onMonday = run.Tick("2026-09-08T00:00:00+03:00");
        run.Tick("2026-09-09T00:00:00+03:00");

        Assert.DoesNotContain(onMonday, e => e is Workflows.TimerBreached);
        Assert.Equal("responsible", run.State.Stage);
        Assert.Contains("ResponsibilityRemainsHere", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void under_v1_detention_shortens_the_take_charge_limit_and_a_crisis_lengthens_it()
    {
        var detained = Started(version: 1); // cases pinned to v1 keep v1
        detained.On("ApplicantDetained", "2026-07-07T10:00:00+03:00");
        var crisis = Started(version: 1);
        crisis.On("CrisisDerogationApplied", "2026-07-07T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal("P2W", detained.Timer("take-charge-request").Period);
        Assert.Equal("P4M", crisis.Timer("take-charge-request").Period);
        Snapshot.Match(detained.Timeline + crisis.Timeline);
    }

    [Fact]
    public void under_v1_a_transfer_not_carried_out_within_the_period_shifts_responsibility_and_absconding_extends_it()
    {
        var run = Started(version: 1);
        run.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        run.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "accepted"));
        run.Tick("2026-08-25T00:00:00+03:00");
        run.On("TransferDecisionNotified", "2026-08-26T10:00:00+03:00");
        run.On("AppealLodged", "2026-08-28T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-10-01T10:00:00+03:00", ("outcome", "dismissed"));
        var beforeAbsconding = run.ExpiryOf("transfer-period");
        run.On("ApplicantAbsconded", "2027-01-05T10:00:00+02:00");
        run.Tick("2029-07-28T00:00:00+03:00");
        run.Tick("2029-08-11T00:00:00+03:00");

        Assert.Equal(DateTimeOffset.Parse("2027-02-11T00:00:00+02:00"), beforeAbsconding);
        Assert.Equal(["TransferDecisionOverdue", "DeadlineApproaching", "ResponsibilityShifted"], run.MessagesTo("asylum"));
        Assert.Equal("responsible", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Theory]
    [InlineData(false, "P12M")]
    [InlineData(true, "P3Y")]
    public void a_crisis_gives_a_year_for_the_transfer_and_never_shortens_the_three_years_after_absconding(bool absconded, string period)
    {
        var run = Started();
        run.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        run.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "accepted"));
        if (absconded)
        {
            run.On("ApplicantAbsconded", "2026-08-20T10:00:00+03:00");
        }
        run.On("CrisisDerogationApplied", "2026-09-01T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal(period, run.Timer("transfer-period").Period);
    }

    [Fact]
    public void a_refusal_or_an_upheld_transfer_appeal_keeps_the_case_here()
    {
        var refused = Started();
        refused.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        refused.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "refused"));
        var won = Started("RO");
        won.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        won.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "accepted"));
        won.On("TransferDecisionNotified", "2026-08-12T10:00:00+03:00");
        won.On("AppealLodged", "2026-08-14T10:00:00+03:00", ("suspensive_effect", true));
        won.On("AppealDecided", "2026-09-14T10:00:00+03:00", ("outcome", "upheld"));

        Assert.Equal("responsible", refused.State.Stage);
        Assert.Equal("responsible", won.State.Stage);
        Snapshot.Match(refused.Timeline + won.Timeline);
    }

    [Fact]
    public void silence_on_an_ordinary_take_charge_request_is_acceptance_after_one_month()
    {
        var run = Started();
        run.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        var afterTwoWeeks = run.Tick("2026-08-04T00:00:00+03:00");
        run.Tick("2026-08-21T00:00:00+03:00");

        Assert.Empty(afterTwoWeeks);
        Assert.Equal(["TakeChargeAcceptedBySilence"], run.MessagesTo("asylum"));
        Assert.Equal("transfer-decision", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    // Legal-timelines revision 2 (ammr-responsibility v2).

    private static Scenario Accepted(string country = "BG")
    {
        var run = Started(country);
        run.On("TakeChargeRequestSent", "2026-07-20T10:00:00+03:00", ("eurodac_hit", false));
        run.On("ResponsibilityReplyReceived", "2026-08-10T10:00:00+03:00", ("outcome", "accepted"));
        run.On("TransferDecisionNotified", "2026-08-20T10:00:00+03:00");
        return run;
    }

    [Fact]
    public void the_transfer_period_runs_from_the_final_decision_on_an_appeal_with_suspensive_effect()
    {
        // AMMR Art. 46(1): "within six months of the acceptance ... or of the final decision on an appeal or review of
        // a transfer decision with suspensive effect in accordance with Article 43(3)". Counting from acceptance would
        // shift responsibility (Art. 46(2)) months too early.
        var run = Accepted();
        var lodged = run.On("AppealLodged", "2026-08-24T10:00:00+03:00", ("against", "transfer-decision"), ("suspensive_effect", true));
        Assert.Contains(lodged.OfType<Workflows.TimerStopped>(), t => t.Timer == "transfer-period");

        run.On("AppealDecided", "2026-10-01T10:00:00+03:00", ("against", "transfer-decision"), ("outcome", "dismissed"));

        var period = run.Timer("transfer-period");
        Assert.Equal((DateTimeOffset.Parse("2026-10-01T10:00:00+03:00"), "P6M"), (period.StartedAt, period.Period));
        // Six months from Thursday 1 October 2026: Thursday 1 April 2027.
        Assert.Equal(DateTimeOffset.Parse("2027-04-02T00:00:00+03:00"), period.ExpiresAt);
        Assert.Equal("transfer", run.State.Stage);
    }

    [Fact]
    public void an_appeal_without_suspensive_effect_leaves_the_transfer_period_running_from_acceptance()
    {
        var run = Accepted();
        var before = run.ExpiryOf("transfer-period");
        run.On("AppealLodged", "2026-08-24T10:00:00+03:00", ("against", "transfer-decision"), ("suspensive_effect", false));
        run.On("AppealDecided", "2026-10-01T10:00:00+03:00", ("against", "transfer-decision"), ("outcome", "dismissed"));

        Assert.Equal(before, run.ExpiryOf("transfer-period"));
        Assert.Equal(1, run.Timer("transfer-period").Generation);
    }

    [Fact]
    public void an_appeal_against_the_asylum_decision_does_not_touch_the_transfer()
    {
        var run = Accepted();
        var effects = run.On("AppealLodged", "2026-08-24T10:00:00+03:00", ("against", "asylum-decision"), ("suspensive_effect", true));

        Assert.Empty(effects);
        Assert.Equal("transfer-appeal-window", run.State.Stage);
    }

    [Fact]
    public void an_applicant_detained_at_registration_gets_a_request_within_two_weeks_and_a_reply_within_one()
    {
        // AMMR Art. 45(1) first sentence and 45(2): silence within one week is acceptance.
        var run = Started(detained: true);
        Assert.False(run.State.Timers.ContainsKey("take-charge-request"));
        Assert.Equal("P2W", run.Timer("take-charge-request-detained").Period);

        run.On("TakeChargeRequestSent", "2026-07-10T10:00:00+03:00", ("eurodac_hit", true), ("detained", true));
        run.Tick("2026-07-18T00:00:00+03:00");

        Assert.False(run.State.Timers.ContainsKey("take-charge-reply-eurodac"));
        Assert.Equal(["TakeChargeAcceptedBySilence"], run.MessagesTo("asylum"));
        Assert.Equal("transfer-decision", run.State.Stage);
    }

    [Fact]
    public void an_applicant_detained_later_gets_a_request_within_one_week_of_the_detention()
    {
        // AMMR Art. 45(1) second sentence: "one week from the date on which the person was placed in detention".
        var run = Started();
        run.On("ApplicantDetained", "2026-08-20T10:00:00+03:00");

        var later = run.Timer("take-charge-request-detained-later");
        Assert.Equal(DateTimeOffset.Parse("2026-08-28T00:00:00+03:00"), later.ExpiresAt);
        // The two months from registration keep running and end later: the week binds.
        Assert.Equal(TimerStatus.Running, run.Timer("take-charge-request").Status);
        run.Tick("2026-08-28T00:00:00+03:00");
        Assert.Equal("responsible", run.State.Stage);
    }

    [Fact]
    public void a_reply_on_a_eurodac_hit_is_timed_under_article_40_2()
    {
        var run = Started();
        var effects = run.On("TakeChargeRequestSent", "2026-07-08T10:00:00+03:00", ("eurodac_hit", true));

        Assert.Equal("AMMR Art. 40(2)", Assert.Single(effects.OfType<TimerStarted>()).LegalBasis);
    }

    [Theory]
    [InlineData("mass-arrivals", "P4M")]
    [InlineData("force-majeure", "P4M")]
    [InlineData("instrumentalisation", "P2M")]
    public void crisis_limits_apply_only_in_the_crisis_types_of_cfmr_article_12(string crisisType, string period)
    {
        var run = Started();
        run.On("CrisisDerogationApplied", "2026-07-07T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"),
            ("crisis_type", crisisType));

        Assert.Equal(period, run.Timer("take-charge-request").Period);
    }

    [Fact]
    public void a_eurodac_hit_gives_one_month_for_a_take_charge_request_and_two_weeks_for_a_take_back_notification()
    {
        // AMMR Art. 39(1) (one month of the hit) and Art. 41(1) (two weeks after receiving the hit).
        var charge = Started();
        charge.On("EurodacHitReceived", "2026-07-07T10:00:00+03:00", ("leads_to", "take-charge"), ("hit_at", "2026-07-06T12:00:00+03:00"));
        var back = Started();
        back.On("EurodacHitReceived", "2026-07-07T10:00:00+03:00", ("leads_to", "take-back"), ("hit_at", "2026-07-06T12:00:00+03:00"));

        // One month from Monday 6 July: Thursday 6 August; two weeks: Monday 20 July.
        Assert.Equal(DateTimeOffset.Parse("2026-08-07T00:00:00+03:00"), charge.ExpiryOf("take-charge-request-after-hit"));
        Assert.Equal(DateTimeOffset.Parse("2026-07-21T00:00:00+03:00"), back.ExpiryOf("take-back-notification"));
        Assert.False(back.State.Timers.ContainsKey("take-charge-request-after-hit"));
    }
}
