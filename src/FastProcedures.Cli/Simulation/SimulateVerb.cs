using System.ComponentModel;
using FastProcedures.Simulation;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Yaml;
using Spectre.Console;
using Spectre.Console.Cli;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Cli.Simulation;

/// <summary>Registers the verb: simulate.</summary>
internal static class SimulateVerb
{
    public static void Register(IConfigurator config) =>
        config.AddCommand<SimulateCommand>("simulate")
            .WithDescription("Capacity simulation on the real definitions and routing data, in memory: deadlines kept and breached, days per stage, backlog, return rate.")
            .WithExample("simulate", "--scenario", "bg-2023", "--report", "bg-2023.html")
            .WithExample("simulate", "--scenario", "bg-2023", "--set", "asylum.staff=+10");
}

internal sealed class SimulateCommand : Command<SimulateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--scenario <NAME|FILE>")]
        [Description("A scenario of workflows/scenarios/ by name (bg-2023, ro-2023, eu-2023) or a scenario file.")]
        public string? Scenario { get; init; }

        [CommandOption("--days <N>")]
        [Description("Simulated days (default: the scenario's).")]
        public int? Days { get; init; }

        [CommandOption("--seed <S>")]
        [Description("Random seed; one seed gives one result (default 1).")]
        public int Seed { get; init; } = 1;

        [CommandOption("--set <KEY=VALUE>")]
        [Description("Run the scenario a second time with this change and compare (repeatable): asylum.staff=+10, detention-places=500, rates.appeal=0.4.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--json")]
        [Description("Print the figures as JSON.")]
        public bool Json { get; init; }

        [CommandOption("--report <FILE.html>")]
        [Description("Write a self-contained HTML report with charts (renders offline).")]
        public string? Report { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Scenario is null)
        {
            return Cli.Fail("simulate needs --scenario NAME|FILE.", 2);
        }
        if (settings.Days is <= 0 or > 3660)
        {
            return Cli.Fail($"--days: {settings.Days} is not between 1 and 3660.", 2);
        }
        WorkflowRegistry registry;
        Scenario baseline;
        var variant = (Scenario?)null;
        try
        {
            var workflows = WorkflowsFolder.Require();
            registry = WorkflowsFolder.Load(workflows);
            var file = File.Exists(settings.Scenario) ? settings.Scenario : ScenarioLoader.Shipped(workflows, settings.Scenario)
                ?? throw new ScenarioException($"--scenario: '{settings.Scenario}' is neither a file nor a scenario in {Path.Combine(workflows, "scenarios")}");
            baseline = ScenarioLoader.Load(file, File.ReadAllText(file), Path.Combine(workflows, "schema", "scenario.schema.json"));
            if (settings.Days is { } days)
            {
                baseline = baseline with { Days = days };
            }
            if (settings.Set.Length > 0)
            {
                variant = settings.Set.Aggregate(baseline, (s, assignment) => s.With(assignment));
            }
            if (!registry.Calendars.ContainsKey(baseline.Country))
            {
                throw new ScenarioException($"scenario {baseline.Id}: no calendar for country {baseline.Country}");
            }
        }
        catch (Exception e) when (e is ScenarioException or DefinitionException or DirectoryNotFoundException or IOException)
        {
            return Cli.Fail(e.Message, 2);
        }

        var runs = new List<(string, SimulationResult)>();
        try
        {
            runs.Add(("baseline", Run(registry, baseline, settings.Seed, "baseline", cancellationToken)));
            if (variant is not null)
            {
                runs.Add((string.Join(", ", settings.Set), Run(registry, variant, settings.Seed, "with " + string.Join(", ", settings.Set), cancellationToken)));
            }
        }
        catch (ScenarioException e)
        {
            return Cli.Fail(e.Message, 2);
        }
        Console.Out.Write(settings.Json ? FastProcedures.Simulation.Report.ToJson(runs) + Environment.NewLine : FastProcedures.Simulation.Report.ToText(runs));
        if (settings.Report is { } report)
        {
            File.WriteAllText(report, FastProcedures.Simulation.Report.ToHtml(runs));
            Cli.Progress($"Report written to {Path.GetFullPath(report)}");
        }
        return 0;
    }

    /// <summary>One run, with a progress bar on stderr when it is a terminal.</summary>
    private static SimulationResult Run(WorkflowRegistry registry, Scenario scenario, int seed, string label, CancellationToken cancellation)
    {
        var simulator = new Simulator(scenario, registry, seed);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (Console.IsErrorRedirected)
        {
            Cli.Progress($"Simulating {scenario.Id} ({label}), {scenario.Days} days...");
            return simulator.Run(null, cancellation);
        }
        SimulationResult? result = null;
        console.Progress().Start(progress =>
        {
            var task = progress.AddTask($"{scenario.Id} ({label})", maxValue: 1.0);
            result = simulator.Run(new Progress<double>(p => task.Value = p), cancellation);
            task.Value = 1.0;
        });
        return result!;
    }
}
