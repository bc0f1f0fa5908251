using Snapshooter.Xunit;

namespace FastProcedures.Procedures.Tests.Scenarios;

public sealed class border_procedure_scenarios
{
    private static Scenario Registered(string country = "BG")
    {
        var run = new Scenario("border-procedure", country);
        run.Start("2026-07-01T10:00:00+03:00", ("procedure", "border-procedure"), ("ground", "APR Art. 42(1)(j)"));
        return run;
    }

    [Fact]
    public void a_rejection_comes_with_the_return_decision_and_a_dismissed_appeal_hands_the_case_to_return()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-02T10:00:00+03:00");
        run.On("ReturnCounsellingHeld", "2026-07-02T14:00:00+03:00");
        run.On("InterviewHeld", "2026-07-08T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-manifestly-unfounded"), ("negative", true));
        run.On("AppealLodged", "2026-07-20T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-08-20T10:00:00+03:00", ("outcome", "dismissed"));
        run.On("DecisionBecameFinal", "2026-08-20T10:00:00+03:00", ("negative", true));

        Assert.Equal("handed-to-return", run.State.Stage);
        Assert.Equal(["ReturnDecisionRequested", "AsylumCaseHandedOver"], run.MessagesTo("return"));
        Assert.True(run.Effects.OfType<Workflows.TimerStopped>().Single(t => t.Timer == "border-procedure-limit").Met);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void without_an_appeal_the_window_closes_and_the_final_rejection_goes_to_return()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("DecisionBecameFinal", "2026-07-23T09:00:00+03:00", ("negative", true));

        Assert.Contains("AppealWindowClosed", run.MessagesTo("asylum"));
        Assert.Equal("handed-to-return", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void a_grant_closes_the_procedure_without_a_return_decision()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-20T10:00:00+03:00", ("outcome", "granted-refugee"), ("negative", false));

        Assert.Equal("protection-granted", run.State.Stage);
        Assert.Empty(run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void when_twelve_weeks_pass_the_applicant_enters_the_territory_and_the_examination_continues_there()
    {
        var run = Registered();
        run.Tick("2026-07-23T00:00:00+03:00");
        run.On("ApplicationLodged", "2026-07-23T10:00:00+03:00");
        run.Tick("2026-09-17T00:00:00+03:00");
        run.Tick("2026-09-24T00:00:00+03:00");
        run.On("DecisionIssued", "2026-10-01T10:00:00+03:00", ("outcome", "rejected-unfounded"), ("negative", true));

        Assert.Equal(["ApplicationNotLodged", "DeadlineApproaching", "BorderProcedureLimitExceeded"], run.MessagesTo("asylum"));
        Assert.Equal(DateTimeOffset.Parse("2026-09-24T00:00:00+03:00"), run.Effects.OfType<Workflows.TimerBreached>().Last().ExpiredAt);
        Assert.Equal("appeal-window", run.State.Stage);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void absconding_stops_the_clock_and_the_days_away_are_given_back_on_reappearing()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("ApplicantAbsconded", "2026-07-10T08:00:00+03:00");
        run.On("ApplicantReappeared", "2026-07-20T18:00:00+03:00");

        // 84 days + 10 days away from Wednesday 1 July: Saturday 3 October, so Monday 5 October (Reg. 1182/71 Art. 3(4)).
        Assert.Equal(DateTimeOffset.Parse("2026-10-06T00:00:00+03:00"), run.ExpiryOf("border-procedure-limit"));
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void relocation_extends_the_limit_to_sixteen_weeks_and_a_crisis_adds_six_more()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("ApplicantRelocated", "2026-07-10T10:00:00+03:00");
        run.On("CrisisDerogationApplied", "2026-07-11T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));

        Assert.Equal("P22W", run.Timer("border-procedure-limit").Period);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void relocation_after_a_crisis_gives_the_same_twenty_two_weeks()
    {
        var run = Registered();
        run.On("CrisisDerogationApplied", "2026-07-10T10:00:00+03:00", ("covers_case", true), ("crisis_id", "bg-2026-1"));
        run.On("ApplicantRelocated", "2026-07-11T10:00:00+03:00");

        Assert.Equal("P22W", run.Timer("border-procedure-limit").Period);
    }

    [Fact]
    public void a_crisis_adds_six_weeks_to_the_border_limit()
    {
        var run = Registered("RO");
        run.On("CrisisDerogationApplied", "2026-07-02T10:00:00+03:00", ("covers_case", true), ("crisis_id", "ro-2026-1"));

        Assert.Equal("P18W", run.Timer("border-procedure-limit").Period);
        Snapshot.Match(run.Timeline);
    }

    [Fact]
    public void an_upheld_appeal_annuls_the_rejection_and_nothing_goes_to_return_after_the_joint_decision()
    {
        var run = Registered();
        run.On("ApplicationLodged", "2026-07-01T10:00:00+03:00");
        run.On("DecisionIssued", "2026-07-15T10:00:00+03:00", ("outcome", "inadmissible"), ("negative", true));
        run.On("AppealLodged", "2026-07-17T10:00:00+03:00", ("suspensive_effect", true));
        run.On("AppealDecided", "2026-08-10T10:00:00+03:00", ("outcome", "upheld"));

        Assert.Equal("annulled", run.State.Stage);
        Assert.Equal(["ReturnDecisionRequested"], run.MessagesTo("return"));
        Snapshot.Match(run.Timeline);
    }
}
