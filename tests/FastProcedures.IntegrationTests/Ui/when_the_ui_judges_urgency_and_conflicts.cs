using FastProcedures.Host.Apis;
using FastProcedures.Host.Ui;

namespace FastProcedures.IntegrationTests.Ui;

/// <summary>The UI's own judgements, as pure functions: how urgent a deadline looks and which planned removals clash.</summary>
public sealed class when_the_ui_judges_urgency_and_conflicts
{
    // 2026-11-25 10:00 in Sofia (UTC+2).
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_deadline_ending_at_the_end_of_today_is_due_today_and_one_past_is_overdue()
    {
        var endOfToday = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(2)); // exclusive end of the 25th
        Assert.Equal(DueState.Today, Due.Of(endOfToday, null, "running", "BG", Now));
        Assert.Equal(DueState.Overdue, Due.Of(Now.AddMinutes(-1), null, "running", "BG", Now));
        Assert.Equal(DueState.Overdue, Due.Of(Now.AddDays(30), null, "breached", "BG", Now));
    }

    [Fact]
    public void the_warn_point_of_the_definition_decides_the_warning_else_one_week()
    {
        Assert.Equal(DueState.Warning, Due.Of(Now.AddDays(20), Now.AddHours(-1), "running", "BG", Now));
        Assert.Equal(DueState.Ok, Due.Of(Now.AddDays(20), Now.AddDays(1), "running", "BG", Now));
        Assert.Equal(DueState.Warning, Due.Of(Now.AddDays(5), null, "running", "RO", Now));
        Assert.Equal(DueState.None, Due.Of(Now.AddDays(5), null, "met", "RO", Now));
    }

    [Fact]
    public void the_planner_flags_a_bar_a_detention_ending_before_the_flight_and_too_few_escorts()
    {
        var day = new DateOnly(2026, 12, 3);
        var barred = new PlannedRemoval("BG-2026-000001-R", day, "FB", "471", 2, false, null);
        var detained = new PlannedRemoval("BG-2026-000002-R", day, "FB", "471", 2, true, new DateTimeOffset(2026, 12, 2, 22, 0, 0, TimeSpan.Zero));
        var fine = new PlannedRemoval("BG-2026-000003-R", day.AddDays(1), "FB", "473", 1, true, new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero));
        RemovalPlan.Flag([barred, detained, fine],
            (id, _) => id == barred.CaseId ? ["the appeal has suspensive effect"] : [],
            new EscortCapacityView("BG", [new EscortCapacityItem(new DateOnly(2026, 6, 12), 5, "assumed"), new EscortCapacityItem(day, 3, "decided")]),
            country: "BG");

        Assert.Contains(barred.Conflicts, c => c.StartsWith("interlock: the appeal", StringComparison.Ordinal));
        Assert.Contains(detained.Conflicts, c => c.StartsWith("detention ends", StringComparison.Ordinal));
        Assert.Contains("escorts: 4 needed on 2026-12-03, 3 available (from 2026-12-03: decided)", barred.Conflicts);
        Assert.Empty(fine.Conflicts);

        var unrecorded = new PlannedRemoval("BG-2026-000004-R", new DateOnly(2026, 6, 1), "FB", "475", 1, false, null);
        RemovalPlan.Flag([unrecorded], (_, _) => [], new EscortCapacityView("BG", [new EscortCapacityItem(new DateOnly(2026, 6, 12), 5, "assumed")]), "BG");
        Assert.Equal(["escorts: 1 needed on 2026-06-01, no escort capacity on record for the day"], unrecorded.Conflicts);
    }
}
