using System.ComponentModel;
using FastProcedures.Statistics.ProcessMining;
using NodaTime;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Statistics;

/// <summary><c>export ocel|xes</c>: a country's case events in a time window as a process-mining log, case ids
/// pseudonymised for this export, no personal data.</summary>
internal abstract class ExportCommand : AsyncCommand<ExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--country <COUNTRY>")]
        [Description("BG or RO: whose cases (the tenant).")]
        public string? Country { get; init; }

        [CommandOption("--from <FROM>")]
        [Description("First day (2026-10-01, the country's local day) or an ISO 8601 instant with offset.")]
        public string? From { get; init; }

        [CommandOption("--to <TO>")]
        [Description("Last day, included (2026-12-31), or an ISO 8601 instant with offset (excluded).")]
        public string? To { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("The file to write (replaced when it exists).")]
        public string? Out { get; init; }
    }

    protected abstract string Format { get; }

    protected abstract void Write(ProcessLog log, Stream output, Action<string> progress);

    /// <summary>Exit 0 with the file written, 2 on bad input (nothing written), 1 when the database fails.</summary>
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (StatisticsVerbs.CheckCountry(settings.Country) is { } countryError)
        {
            return Cli.Fail(countryError, 2);
        }
        if (settings.Out is not { Length: > 0 } file)
        {
            return Cli.Fail($"--out is required: the {Format} file to write.", 2);
        }
        if (Directory.Exists(file))
        {
            return Cli.Fail($"--out: '{file}' is a folder, not a file.", 2);
        }
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
        {
            return Cli.Fail($"--out: the folder '{folder}' does not exist.", 2);
        }
        DateTimeZone zone;
        try
        {
            zone = StatisticsVerbs.Zone(settings.Country!);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FastProcedures.Workflows.Yaml.DefinitionException)
        {
            return Cli.Fail(e.Message.ReplaceLineEndings(" "), 2);
        }
        if (ExportWindow.Bound(settings.From, zone, false) is not { } from)
        {
            return Cli.Fail($"--from: '{settings.From}' is not a day (2026-10-01) or an ISO 8601 instant with offset.", 2);
        }
        if (ExportWindow.Bound(settings.To, zone, true) is not { } to)
        {
            return Cli.Fail($"--to: '{settings.To}' is not a day (2026-12-31) or an ISO 8601 instant with offset.", 2);
        }
        if (to <= from)
        {
            return Cli.Fail($"--to ({settings.To}) must come after --from ({settings.From}).", 2);
        }
        return await Cli.Guard(async () =>
        {
            if (await StatisticsVerbs.LoadStreamsAsync(settings.Country!, cancellationToken) is not { } streams)
            {
                return Cli.Fail(StatisticsVerbs.NoEventStore, 2);
            }
            var log = ProcessLog.Build(settings.Country!, streams, from, to, new Pseudonyms());
            Cli.Progress($"Writing {log.Events.Count} events of {log.Cases.Count} cases as {Format} ...");
            var temporary = file + ".partial";
            await using (var output = File.Create(temporary))
            {
                Write(log, output, Cli.Progress);
            }
            File.Move(temporary, file, overwrite: true);
            Console.WriteLine(file);
            return 0;
        });
    }
}

internal sealed class OcelExportCommand : ExportCommand
{
    protected override string Format => "OCEL 2.0 JSON";

    protected override void Write(ProcessLog log, Stream output, Action<string> progress) => OcelWriter.Write(log, output, progress);
}

internal sealed class XesExportCommand : ExportCommand
{
    protected override string Format => "XES";

    protected override void Write(ProcessLog log, Stream output, Action<string> progress) => XesWriter.Write(log, output, progress);
}
