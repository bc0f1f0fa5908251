using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Workflows.Tests.Engine;

/// <summary>The voluntary departure timer runs the period the return decision grants (period: { parameter, days-field }).
/// RD Art. 7(1): "A return decision shall provide for an appropriate period for voluntary departure of between seven
/// and thirty days"; RBPR Art. 4(5): "up to 15 days". The period is counted under Reg. 1182/71: the day of the decision
/// is not counted (Art. 3(1)), the period ends with the expiry of its last day (Art. 3(2)(b)), moved to the next
/// working day when that day is a Saturday, Sunday or public holiday (Art. 3(4)).</summary>
public sealed class when_a_return_decision_grants_voluntary_departure
{
    private static readonly WorkflowRegistry Registry = WorkflowsFolder.Load(Calendars.WorkflowsDirectory);

    /// <summary>Monday 2 November 2026, 09:00 in Sofia.</summary>
    private const string DecidedAt = "2026-11-02T09:00:00+02:00";

    private static TimerStarted VoluntaryDeparture(WorkflowDefinition definition, params (string, object?)[] decision)
    {
        var run = new Run(definition);
        run.Start(DecidedAt);
        return Assert.Single(run.On("ReturnDecisionIssued", DecidedAt, [("voluntary_departure", true), .. decision])
            .OfType<TimerStarted>(), t => t.Timer == "voluntary-departure");
    }

    [Fact]
    public void a_14_day_grant_expires_after_14_days_not_after_the_national_30()
    {
        var started = VoluntaryDeparture(Registry.Latest("return-procedure"), ("voluntary_departure_days", 14));

        // Day 1 is Tuesday 3 November; day 14 is Monday 16 November, a working day: the period ends at its expiry.
        Assert.Equal("P14D", started.Period);
        Assert.Equal(DateTimeOffset.Parse("2026-11-17T00:00:00+02:00"), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_granted_period_ending_on_a_saturday_runs_to_the_end_of_the_next_monday()
    {
        var started = VoluntaryDeparture(Registry.Latest("return-procedure"), ("voluntary_departure_days", 12));

        // Day 12 is Saturday 14 November: Reg. 1182/71 Art. 3(4) moves the end to Monday 16 November.
        Assert.Equal("P12D", started.Period);
        Assert.Equal(DateTimeOffset.Parse("2026-11-17T00:00:00+02:00"), started.Schedule.ExpiresAt);
    }

    [Theory]
    [InlineData(5)]   // below the 7 days of RD Art. 7(1)
    [InlineData(45)]  // beyond the 30 days of RD Art. 7(1)
    [InlineData(null)]
    public void a_grant_outside_seven_to_thirty_days_or_none_falls_back_to_the_national_parameter(int? days)
    {
        var started = VoluntaryDeparture(Registry.Latest("return-procedure"), ("voluntary_departure_days", days));

        // BG: voluntary-departure P30D; day 30 is Wednesday 2 December.
        Assert.Equal("P30D", started.Period);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T00:00:00+02:00"), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_case_pinned_to_return_procedure_version_2_keeps_the_national_period()
    {
        var v2 = Registry.Get("return-procedure", 2);
        Assert.NotEqual(Registry.Latest("return-procedure").Hash, v2.Hash);

        var started = VoluntaryDeparture(v2, ("voluntary_departure_days", 14));

        Assert.Equal("P30D", started.Period);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T00:00:00+02:00"), started.Schedule.ExpiresAt);
    }

    [Theory]
    [InlineData(10, "P10D", "2026-11-13T00:00:00+02:00")]  // day 10: Thursday 12 November
    [InlineData(20, "P15D", "2026-11-18T00:00:00+02:00")]  // beyond "up to 15 days": BG parameter P15D, Tuesday 17 November
    public void the_return_border_procedure_runs_the_granted_period_up_to_15_days(int days, string period, string expires)
    {
        var started = VoluntaryDeparture(Registry.Latest("return-border-procedure"), ("voluntary_departure_days", days));

        Assert.Equal(period, started.Period);
        Assert.Equal(DateTimeOffset.Parse(expires), started.Schedule.ExpiresAt);
    }

    [Fact]
    public void a_case_pinned_to_return_border_procedure_version_2_keeps_the_national_period()
    {
        var started = VoluntaryDeparture(Registry.Get("return-border-procedure", 2), ("voluntary_departure_days", 10));

        Assert.Equal("P15D", started.Period);
    }
}
