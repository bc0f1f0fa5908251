using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Workflows.Tests;

/// <summary>The repository's real calendars (workflows/calendars), loaded once.</summary>
public static class Calendars
{
    public static readonly string WorkflowsDirectory = WorkflowsFolder.Require(AppContext.BaseDirectory);

    private static readonly Lazy<IReadOnlyDictionary<string, CountryCalendar>> All =
        new(() => WorkflowsFolder.Calendars(WorkflowsDirectory));

    public static CountryCalendar BG => All.Value["BG"];
    public static CountryCalendar RO => All.Value["RO"];
    public static CountryCalendar Of(string country) => All.Value[country];
}
