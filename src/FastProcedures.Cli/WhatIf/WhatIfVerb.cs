using System.ComponentModel;
using FastProcedures.Cases.Running;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Yaml;
using Spectre.Console.Cli;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Cli.WhatIf;

/// <summary>Registers the verb: what-if.</summary>
internal static class WhatIfVerb
{
    public static void Register(IConfigurator config) =>
        config.AddCommand<WhatIfCommand>("what-if")
            .WithDescription("Run a case history written as a YAML file in memory, through the production use cases, engine and definitions; print every case's workflows, stages and timers.")
            .WithExample("what-if", "docs/what-if/border-procedure.yaml")
            .WithExample("what-if", "docs/what-if/border-procedure.yaml", "--until", "2026-10-01T00:00:00+03:00", "--json");
}

internal sealed class WhatIfCommand : Command<WhatIfCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The case history: country (BG|RO) and steps of {at, command: API action name, with: {body fields}}.")]
        public string File { get; init; } = "";

        [CommandOption("--until <INSTANT>")]
        [Description("Run up to this ISO 8601 instant, delivering the deadlines due by then (default: the last step).")]
        public string? Until { get; init; }

        [CommandOption("--json")]
        [Description("Print {\"cases\":[...],\"timeline\":[...]} as JSON.")]
        public bool Json { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        DateTimeOffset? until = null;
        if (settings.Until is { } text)
        {
            if (!Cli.TryParseInstant(text, out var instant))
            {
                return Cli.Fail($"--until: '{text}' is not an ISO 8601 instant with an offset.", 2);
            }
            until = instant;
        }
        if (!System.IO.File.Exists(settings.File))
        {
            return Cli.Fail($"{settings.File}: no such file.", 2);
        }
        try
        {
            var catalog = new WorkflowCatalog(WorkflowsFolder.Load(WorkflowsFolder.Require()));
            var file = FastProcedures.Cases.Running.WhatIf.Parse(System.IO.File.ReadAllText(settings.File), catalog.Registry.Calendars.Keys.ToList());
            var result = FastProcedures.Cases.Running.WhatIf.Run(file, catalog, until);
            Console.Out.Write(settings.Json
                ? FastProcedures.Cases.Running.WhatIf.ToJson(result) + Environment.NewLine
                : FastProcedures.Cases.Running.WhatIf.ToText(result));
            return 0;
        }
        catch (WhatIfException e)
        {
            return Cli.Fail($"{settings.File}: {e.Message}", 2);
        }
        catch (Exception e) when (e is DefinitionException or DirectoryNotFoundException or IOException)
        {
            return Cli.Fail(e.Message, 2);
        }
    }
}
