using System.ComponentModel;
using System.Globalization;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Yaml;
using Spectre.Console.Cli;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Cli.Deadlines;

/// <summary>Registers the verb: deadline.</summary>
internal static class DeadlineVerb
{
    public static void Register(IConfigurator config) =>
        config.AddCommand<DeadlineCommand>("deadline")
            .WithDescription("Print the instant a legal period expires (Reg. 1182/71), in the country's calendar.")
            .WithExample("deadline", "--from", "2026-04-08T10:00:00+03:00", "--period", "P5D", "--country", "BG");
}

internal sealed class DeadlineCommand : Command<DeadlineCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--from <INSTANT>")]
        [Description("The event's instant, ISO 8601 with offset (e.g. 2026-04-08T10:00:00+03:00).")]
        public string? From { get; init; }

        [CommandOption("--period <PERIOD>")]
        [Description("ISO 8601 period: PT72H, P5D, P12W, P2M, P1Y.")]
        public string? Period { get; init; }

        [CommandOption("--country <COUNTRY>")]
        [Description("BG or RO: whose public holidays and time zone count.")]
        public string? Country { get; init; }

        [CommandOption("--working-days")]
        [Description("Count working days only (where the act expressly says so).")]
        public bool WorkingDays { get; init; }

        [CommandOption("--explain")]
        [Description("After the instant, print each step of the computation (one per line, on stdout).")]
        public bool Explain { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.From is null || settings.Period is null || settings.Country is null)
        {
            return Cli.Fail("deadline needs --from, --period and --country.", 2);
        }
        if (!Cli.TryParseInstant(settings.From, out var from))
        {
            return Cli.Fail($"--from: '{settings.From}' is not an ISO 8601 instant with an offset.", 2);
        }
        if (!LegalPeriod.TryParse(settings.Period, settings.WorkingDays, out var period, out var periodError))
        {
            return Cli.Fail($"--period: {periodError}.", 2);
        }
        IReadOnlyDictionary<string, CountryCalendar> calendars;
        try
        {
            calendars = WorkflowsFolder.Calendars(WorkflowsFolder.Require());
        }
        catch (Exception e) when (e is DefinitionException or DirectoryNotFoundException)
        {
            return Cli.Fail(e.Message, 1);
        }
        if (!calendars.TryGetValue(settings.Country, out var calendar))
        {
            return Cli.Fail($"--country: no calendar for '{settings.Country}' (known: {string.Join(", ", calendars.Keys.Order())}).", 2);
        }

        var deadline = LegalClock.Expiry(from, period, calendar);
        Console.WriteLine(deadline.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        if (settings.Explain)
        {
            Console.WriteLine(deadline.Explain());
            Console.WriteLine($"Calendar: {calendar.Country} version {calendar.Version}, sha256 {calendar.Sha256}");
        }
        return 0;
    }
}
