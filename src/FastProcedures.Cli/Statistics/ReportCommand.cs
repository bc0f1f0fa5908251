using System.ComponentModel;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Indicators;
using FastProcedures.Statistics.Reading;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Statistics;

/// <summary><c>report eurostat|eps|frontex</c>: computed from the case events, written as CSV files into a folder.</summary>
internal abstract class ReportCommand : AsyncCommand<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--country <COUNTRY>")]
        [Description("BG or RO: the reporting Member State (the tenant).")]
        public string? Country { get; init; }

        [CommandOption("--period <PERIOD>")]
        [Description("A month (2026-10: the monthly tables) or a quarter (2026-Q4: its three months and the quarterly tables).")]
        public string? Period { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("The folder the CSV files are written to (created when missing).")]
        public string? Out { get; init; }
    }

    /// <summary>Exit 0 with the files written, 2 on bad input (nothing written), 1 when the database fails.</summary>
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (StatisticsVerbs.CheckCountry(settings.Country) is { } countryError)
        {
            return Cli.Fail(countryError, 2);
        }
        if (!ReferencePeriod.TryParse(settings.Period, out var period))
        {
            return Cli.Fail($"--period: '{settings.Period}' is not a month (2026-10) or a quarter (2026-Q4).", 2);
        }
        if (settings.Out is not { Length: > 0 } directory)
        {
            return Cli.Fail("--out is required: the folder to write the CSV files to.", 2);
        }
        if (File.Exists(directory))
        {
            return Cli.Fail($"--out: '{directory}' is a file, not a folder.", 2);
        }
        NodaTime.DateTimeZone zone;
        try
        {
            zone = StatisticsVerbs.Zone(settings.Country!);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FastProcedures.Workflows.Yaml.DefinitionException)
        {
            return Cli.Fail(e.Message.ReplaceLineEndings(" "), 2);
        }
        return await Cli.Guard(async () =>
        {
            if (await StatisticsVerbs.LoadAsync(settings.Country!, zone, cancellationToken) is not { } book)
            {
                return Cli.Fail(StatisticsVerbs.NoEventStore, 2);
            }
            foreach (var path in Write(book, period, directory))
            {
                Console.WriteLine(path);
            }
            return 0;
        });
    }

    protected abstract IEnumerable<string> Write(CaseBook book, ReferencePeriod period, string directory);
}

internal sealed class EurostatReportCommand : ReportCommand
{
    protected override IEnumerable<string> Write(CaseBook book, ReferencePeriod period, string directory)
    {
        var report = EurostatReport.Build(book, period);
        var written = report.Write(directory);
        foreach (var note in report.Notes)
        {
            Cli.Progress($"not reported: {note}");
        }
        return written;
    }
}

internal sealed class EpsReportCommand : ReportCommand
{
    protected override IEnumerable<string> Write(CaseBook book, ReferencePeriod period, string directory) =>
        [IndicatorFiles.Write(EpsIndicators.Build(book, period), directory)];
}

internal sealed class FrontexReportCommand : ReportCommand
{
    protected override IEnumerable<string> Write(CaseBook book, ReferencePeriod period, string directory) =>
        [IndicatorFiles.Write(FrontexIndicators.Build(book, period), directory)];
}

internal static class IndicatorFiles
{
    public static string Write(IndicatorTable table, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, table.File);
        File.WriteAllText(path, table.ToCsv());
        Cli.Progress($"{table.Title}. Source: {table.Source}.");
        return path;
    }
}
