using System.ComponentModel;
using System.Text.Json;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Export;
using FastProcedures.Workflows.Yaml;
using Spectre.Console.Cli;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Cli.Workflows;

/// <summary>Loads the registry and turns definition errors into file:line:col lines and exit 1.</summary>
internal static class Definitions
{
    public static int WithRegistry(Func<WorkflowRegistry, int> body)
    {
        if (Folder(out var directory) is { } failed)
        {
            return failed;
        }
        WorkflowRegistry registry;
        try
        {
            registry = WorkflowsFolder.Load(directory);
        }
        catch (DefinitionException e)
        {
            return Report(e.Diagnostics);
        }
        return body(registry);
    }

    /// <summary>The workflows folder, or the exit code of its absence (reported).</summary>
    public static int? Folder(out string directory)
    {
        directory = "";
        try
        {
            directory = WorkflowsFolder.Require();
            return null;
        }
        catch (DirectoryNotFoundException e)
        {
            return Cli.Fail(e.Message, 2);
        }
    }

    /// <summary>Prints each error as file:line:col: message and a count; exit 1.</summary>
    public static int Report(IReadOnlyCollection<Diagnostic> errors)
    {
        foreach (var diagnostic in errors)
        {
            Console.Error.WriteLine(Relative(diagnostic));
        }
        Console.Error.WriteLine($"fastproc: {errors.Count} error(s).");
        return 1;
    }

    /// <summary>A file under the working directory is named relative to it, any other by its full path.</summary>
    public static string Relative(Diagnostic d)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), d.File);
        return (d with { File = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(d.File) : relative }).ToString();
    }
}

internal sealed class ValidateCommand : Command<ValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[PATH]")]
        [Description("Files or folders to check: definitions, calendars/*.yaml, data/*.yaml, or a whole workflows folder; " +
            "default: the workflows folder.")]
        public string[] Paths { get; init; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Paths.Length > 0)
        {
            // A workflows folder given on the command line is the one single files are cross-checked against.
            var directory = settings.Paths.Where(WorkflowsFolder.IsWorkflowsFolder).Select(Path.GetFullPath).FirstOrDefault()
                ?? WorkflowsFolder.Find();
            if (directory is null && Definitions.Folder(out _) is { } failed)
            {
                return failed;
            }
            var errors = WorkflowsFolder.Validate(directory!, settings.Paths.Select(Path.GetFullPath));
            if (errors.Count > 0)
            {
                return Definitions.Report(errors);
            }
            Console.WriteLine($"{settings.Paths.Length} path(s) valid.");
            return 0;
        }
        return Definitions.WithRegistry(registry =>
        {
            var count = registry.All.Count();
            Console.WriteLine($"{count} definition version(s) valid; calendars: {string.Join(", ", registry.Calendars.Keys.Order())}.");
            if (registry.Data is { } data)
            {
                Console.WriteLine($"Data valid: routing rules v{data.Routing.Version} ({data.Routing.Rules.Count} rules), recognition rates " +
                    $"v{data.RecognitionRates.Version} ({data.RecognitionRates.ReferencePeriod}), crisis periods v{data.CrisisPeriods.Version} " +
                    $"({data.CrisisPeriods.All.Count} declared).");
            }
            return 0;
        });
    }
}

internal sealed class ListCommand : Command<ListCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--json")]
        [Description("A JSON array, one object per definition version.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Definitions.WithRegistry(registry =>
        {
            if (settings.Json)
            {
                var items = registry.All.Select(d => new
                {
                    id = d.Id,
                    version = d.Version,
                    hash = d.Hash,
                    title = d.Title,
                    legalBasis = d.LegalBasis,
                    @case = d.CaseKind,
                    appliesFrom = d.AppliesFrom?.ToString("yyyy-MM-dd"),
                    stages = d.Stages.Select(s => s.Id),
                    timers = d.Timers.Select(t => new
                    {
                        id = t.Id,
                        period = t.PeriodText,
                        legalBasis = t.LegalBasis,
                        counting = t.WorkingDays ? "working-days" : "calendar",
                        startsOn = t.StartsOn,
                        startsOnEntering = t.StartsOnEntering,
                        stopsOn = t.StopsOn,
                        extensions = t.Extensions.Select(e => new
                        {
                            on = e.On, by = e.By?.ToString(), to = e.To?.ToString(), max = e.Max.ToString(), legalBasis = e.LegalBasis,
                        }),
                    }),
                });
                Console.WriteLine(JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            foreach (var d in registry.All)
            {
                Console.WriteLine($"{d.Id} v{d.Version}  {d.Hash[..12]}  {d.Title}");
                foreach (var t in d.Timers)
                {
                    Console.WriteLine($"    {t.Id}: {t.PeriodText}{(t.WorkingDays ? " working days" : "")} — {t.LegalBasis}");
                }
            }
            return 0;
        });
}

internal sealed class ExportCommand : Command<ExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The definition id, e.g. border-procedure.")]
        public string Id { get; init; } = "";

        [CommandOption("--format <FORMAT>")]
        [Description("bpmn or mermaid.")]
        public string Format { get; init; } = "";

        [CommandOption("--version <N>")]
        [Description("The definition version; default the newest.")]
        public int? Version { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Write to this file instead of stdout.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Format is not ("bpmn" or "mermaid"))
        {
            return Cli.Fail($"--format: '{settings.Format}' is not bpmn or mermaid.", 2);
        }
        return Definitions.WithRegistry(registry =>
        {
            WorkflowDefinition definition;
            try
            {
                definition = settings.Version is { } v ? registry.Get(settings.Id, v) : registry.Latest(settings.Id);
            }
            catch (KeyNotFoundException e)
            {
                return Cli.Fail(e.Message, 2);
            }
            var text = settings.Format == "bpmn" ? BpmnExporter.Export(definition) : MermaidExporter.Export(definition);
            if (settings.Out is null)
            {
                Console.Write(text);
                return 0;
            }
            try
            {
                File.WriteAllText(settings.Out, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Cli.Fail($"--out: cannot write {settings.Out}: {e.Message}", 1);
            }
            Cli.Progress($"Wrote {settings.Out}.");
            return 0;
        });
    }
}

internal sealed class LockCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken) =>
        Definitions.WithRegistry(registry =>
        {
            var added = WorkflowsFolder.WriteLock(registry);
            Console.WriteLine($"{added} new definition version(s) recorded in {WorkflowRegistry.LockFileName}.");
            return 0;
        });
}

internal sealed class DocsCommand : Command<DocsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <FILE>")]
        [Description("Write to this file (e.g. docs/procedures.md) instead of stdout.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Definitions.WithRegistry(registry =>
        {
            var text = ProceduresDocument.Generate(registry.All, registry.Calendars);
            if (settings.Out is null)
            {
                Console.Write(text);
                return 0;
            }
            try
            {
                File.WriteAllText(settings.Out, text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Cli.Fail($"--out: cannot write {settings.Out}: {e.Message}", 1);
            }
            Cli.Progress($"Wrote {settings.Out}.");
            return 0;
        });
}
