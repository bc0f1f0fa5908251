using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class screening_scenarios
{
    [Fact]
    public void a_border_application_is_screened_fingerprinted_and_registered_in_time()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"));
        run.On("ScreeningStarted", "2026-07-01T10:30:00+03:00");
        run.On("BiometricsTaken", "2026-07-01T12:00:00+03:00");
        run.On("ScreeningCompleted", "2026-07-03T16:00:00+03:00", ("referral", "asylum"));
        run.On("ApplicationRegistered", "2026-07-04T09:00:00+03:00");

        Assert.Equal("registered", run.State.Stage);
        Assert.False(run.State.Timers.ContainsKey("screening-territory-limit"));
        Assert.All(run.State.Timers.Values, t => Assert.Equal(Workflows.TimerStatus.Stopped, t.Status));
        Assert.Contains("ApplicationReadyForRegistration", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void in_the_territory_biometrics_screening_and_registration_limits_are_breached_and_escalated()
    {
        var run = new Scenario("screening", "RO");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "territory"), ("nationality", "BGD"), ("country", "RO"));
        run.Tick("2026-07-04T11:00:00+03:00");
        run.Tick("2026-07-05T00:00:00+03:00");
        run.Tick("2026-07-07T00:00:00+03:00");

        Assert.Equal(
            ["BiometricsLimitExceeded", "ScreeningLimitExceeded"],
            run.MessagesTo("reception").Where(m => m != "DeadlineApproaching"));
        Assert.Contains("RegistrationLimitExceeded", run.MessagesTo("asylum"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_crisis_covering_the_case_gives_four_weeks_for_registration_and_one_not_covering_it_changes_nothing()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "SYR"), ("country", "BG"));
        var notCovered = run.On("CrisisDerogationApplied", "2026-07-01T11:00:00+03:00", ("covers_case", false), ("crisis_id", "bg-2026-1"));
        run.On("CrisisDerogationApplied", "2026-07-01T11:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));
        run.On("BiometricsTaken", "2026-07-01T12:00:00+03:00");
        run.On("ScreeningCompleted", "2026-07-07T16:00:00+03:00", ("referral", "asylum"));
        run.Tick("2026-07-08T00:00:00+03:00");
        run.On("ApplicationRegistered", "2026-07-20T09:00:00+03:00");

        Assert.Empty(notCovered);
        Assert.DoesNotContain("RegistrationLimitExceeded", run.MessagesTo("asylum"));
        Assert.Equal("registered", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_application_whose_place_is_not_known_gets_the_shorter_territory_limit()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00");

        Assert.True(run.State.Timers.ContainsKey("screening-territory-limit"));
        Assert.False(run.State.Timers.ContainsKey("screening-border-limit"));
    }

    [Fact]
    public void screening_referring_to_return_hands_the_person_to_the_return_unit()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "TUN"), ("country", "BG"));
        run.On("BiometricsTaken", "2026-07-01T12:00:00+03:00");
        run.On("ScreeningCompleted", "2026-07-02T12:00:00+03:00", ("referral", "return"));

        Assert.Equal("referred-to-return", run.State.Stage);
        Assert.Contains("ScreeningReferredToReturn", run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_border_screening_not_completed_within_seven_days_is_escalated_to_reception()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "PAK"), ("country", "BG"));
        run.On("BiometricsTaken", "2026-07-01T12:00:00+03:00");
        run.On("ApplicationRegistered", "2026-07-03T12:00:00+03:00");
        var afterRegistration = run.Tick("2026-07-09T00:00:00+03:00");

        // Registration ends the screening workflow: its limits stop, nothing is breached later.
        Assert.Empty(afterRegistration);
        var other = new Scenario("screening");
        other.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "PAK"), ("country", "BG"));
        other.On("BiometricsTaken", "2026-07-01T12:00:00+03:00");
        other.On("CrisisDerogationApplied", "2026-07-01T13:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));
        other.Tick("2026-07-08T00:00:00+03:00");
        other.Tick("2026-07-09T00:00:00+03:00");

        Assert.Equal(["DeadlineApproaching", "ScreeningLimitExceeded"], other.MessagesTo("reception"));
        Snapshot.Match(run.Timeline + other.Timeline);
    }

    // Legal-timelines revision 2 (screening v2).

    [Fact]
    public void screening_at_the_border_counts_from_the_apprehension_not_from_the_application()
    {
        // Screening Reg. Art. 8(3): 7 days from apprehension, disembarkation or presentation at the crossing point.
        var run = new Scenario("screening");
        run.Start("2026-07-03T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"),
            ("apprehended_at", "2026-07-01T22:30:00+03:00"));

        var limit = run.Timer("screening-border-limit");
        Assert.Equal(DateTimeOffset.Parse("2026-07-01T22:30:00+03:00"), limit.StartedAt);
        // 7 days from Wednesday 1 July: Wednesday 8 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-09T00:00:00+03:00"), limit.ExpiresAt);
    }

    [Fact]
    public void a_person_held_at_the_border_over_72_hours_is_screened_within_four_days_after_them()
    {
        // Screening Reg. Art. 8(3) second subparagraph: 4 days, "the screening shall be carried out thereafter".
        var run = new Scenario("screening");
        run.Start("2026-07-05T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"),
            ("apprehended_at", "2026-07-01T22:30:00+03:00"), ("held_over_72_hours", true));

        Assert.False(run.State.Timers.ContainsKey("screening-border-limit"));
        var limit = run.Timer("screening-border-after-72-hours");
        // 72 hours after Wednesday 1 July 22:30: Saturday 4 July 22:30; 4 days: Wednesday 8 July.
        Assert.Equal(DateTimeOffset.Parse("2026-07-04T22:30:00+03:00"), limit.StartedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-07-09T00:00:00+03:00"), limit.ExpiresAt);
    }

    [Theory]
    [InlineData("mass-arrivals", "initial", "P4W")]
    [InlineData("mass-arrivals", "extension", "P5D")]
    [InlineData("instrumentalisation", "extension", "P4W")]
    [InlineData("force-majeure", "initial", "P4W")]
    public void registration_takes_four_weeks_in_a_crisis_but_under_mass_arrivals_only_during_the_initial_decision(
        string type, string decision, string period)
    {
        // CFMR Art. 10(4): in a crisis of mass arrivals the derogation applies "only during the time period set out in
        // the initial Council implementing decision ... and not during any subsequent extensions".
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"));
        run.On("CrisisDerogationApplied", "2026-07-01T11:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"),
            ("crisis_type", type), ("crisis_decision", decision));

        Assert.Equal(period, run.Timer("registration-limit").Period);
    }

    [Fact]
    public void a_disproportionate_number_of_applications_gives_fifteen_days_to_register()
    {
        // APR Art. 27(2) (unconfirmed): up to 15 days; a crisis later gives the 4 weeks of CFMR Art. 10(1).
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"));
        run.On("DisproportionateNumberOfApplications", "2026-07-02T10:00:00+03:00");
        Assert.Equal("P15D", run.Timer("registration-limit").Period);

        run.On("CrisisDerogationApplied", "2026-07-03T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"),
            ("crisis_type", "force-majeure"), ("crisis_decision", "initial"));
        Assert.Equal("P4W", run.Timer("registration-limit").Period);
    }

    [Fact]
    public void a_disproportionate_number_after_a_crisis_does_not_shorten_the_four_weeks()
    {
        var run = new Scenario("screening");
        run.Start("2026-07-01T10:00:00+03:00", ("place", "border"), ("nationality", "MAR"), ("country", "BG"));
        run.On("CrisisDerogationApplied", "2026-07-02T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"),
            ("crisis_type", "force-majeure"), ("crisis_decision", "initial"));
        run.On("DisproportionateNumberOfApplications", "2026-07-03T10:00:00+03:00");

        Assert.Equal("P4W", run.Timer("registration-limit").Period);
    }
}
