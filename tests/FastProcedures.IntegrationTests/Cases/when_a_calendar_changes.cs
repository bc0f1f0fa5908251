using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Deadlines.RecomputingForCalendar;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Procedures;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;
using Wolverine;
using Wolverine.Tracking;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Cases;

public sealed class when_a_calendar_changes(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task a_decreed_day_off_on_the_last_day_moves_running_deadlines_and_each_case_records_the_calendar_versions()
    {
        const string id = "BG-2026-400001";
        database.Clock.Set(DateTimeOffset.Parse("2026-07-01T10:00:00+03:00"));
        await using (var before = await database.StartHostAsync())
        {
            await before.SendAsync("BG", new MakeApplication(id, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
                new PersonalDetails("Calendar Applicant", null, null), "officer"));
            await before.SendAsync("BG", new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer"));
        }
        // The government decrees Wednesday 23 September 2026, the border limit's last day, a day off (the next version
        // of the calendar; the one the case recorded is kept in calendars/versions/).
        var workflows = CopyOfWorkflows();
        var bg = Path.Combine(workflows, "calendars", "bg.yaml");
        var text = await File.ReadAllTextAsync(bg);
        var recorded = Calendars(text);
        Directory.CreateDirectory(Path.Combine(workflows, "calendars", "versions", "bg"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "calendars", "versions", "bg", $"v{recorded}.yaml"), text);
        await File.WriteAllTextAsync(bg, text
            .Replace($"version: {recorded}\n", $"version: {recorded + 1}\n")
            .Replace("extra-days-off:\n", "extra-days-off:\n  2026-09-23: Day off decreed by the Council of Ministers\n"));
        database.Clock.Set(DateTimeOffset.Parse("2026-08-01T10:00:00+03:00"));

        await using var after = await database.StartHostAsync(workflowsDirectory: workflows);
        await after.TrackActivity(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync<int>("BG", new RecomputeDeadlines("BG", "calendar-admin"))));
        await after.TrackActivity(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync(
            (Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync<int>("BG", new RecomputeDeadlines("BG", "calendar-admin"))));

        var events = (await after.StreamAsync("BG", id)).Select(e => e.Data).ToList();
        var changed = Assert.Single(events.OfType<CalendarChanged>());
        Assert.Equal((recorded, recorded + 1), (changed.FromVersion, changed.ToVersion));
        Assert.NotEqual(changed.FromSha256, changed.ToSha256);
        var moved = Assert.Single(events.OfType<DeadlineRescheduled>(), d => d.Step.Timer == "border-procedure-limit");
        // Reg. 1182/71 Art. 3(4): the last day is now a holiday, so the period ends with the next working day.
        Assert.Equal(DateTimeOffset.Parse("2026-09-25T00:00:00+03:00"), moved.Step.Schedule.ExpiresAt);
        Assert.Equal(recorded + 1, moved.Step.Schedule.CalendarVersion);
        Directory.Delete(workflows, recursive: true);
    }

    private static int Calendars(string text) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"^version: (\d+)$", System.Text.RegularExpressions.RegexOptions.Multiline).Groups[1].Value);

    private static string CopyOfWorkflows()
    {
        var source = WorkflowsFolder.Require();
        var target = Path.Combine(Path.GetTempPath(), "fastproc-workflows-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }
}
