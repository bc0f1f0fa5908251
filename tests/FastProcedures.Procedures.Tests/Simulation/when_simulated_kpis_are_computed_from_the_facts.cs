using FastProcedures.Simulation;
using FastProcedures.Workflows.Kpis;
using SimulatedScenario = FastProcedures.Simulation.Scenario;

namespace FastProcedures.Procedures.Tests.Simulation;

/// <summary>The simulator's figures are the shared KPI definitions applied to the facts of its cases: the same
/// <see cref="KpiDefinitions.Compute"/> the live dashboard runs on the KPI projection.</summary>
public sealed class when_simulated_kpis_are_computed_from_the_facts
{
    [Fact]
    public void the_shared_definitions_over_the_simulated_facts_give_the_simulators_figures_line_by_line()
    {
        var file = ScenarioLoader.Shipped(Repository.WorkflowsDirectory, "bg-2023")!;
        var scenario = ScenarioLoader.Load(file, File.ReadAllText(file), Path.Combine(Repository.WorkflowsDirectory, "schema", "scenario.schema.json"))
            with { Days = 60 };
        var facts = new List<CaseFact>();

        var result = new Simulator(scenario, Repository.Registry, 5) { Observe = facts.Add }.Run();
        var figures = KpiDefinitions.Compute(facts, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, []);

        Assert.NotEmpty(figures.Timers);
        Assert.Equal(result.Timers.Select(t => (t.Workflow, t.Timer, t.Started, t.Met, t.Breached)),
            figures.Timers.Select(t => (t.Workflow, t.Timer, t.Started, t.Met, t.Breached)));
        Assert.Equal(result.Stages.Select(s => (s.Workflow, s.Stage, s.Cases, s.MedianDays, s.P90Days)),
            figures.Stages.Select(s => (s.Workflow, s.Stage, s.Cases, s.MedianDays, s.P90Days)));
        Assert.Equal(result.Decisions.Select(d => (d.Procedure, d.Decisions, d.Positive, d.WithinLimit)),
            figures.Decisions.Select(d => (d.Procedure, d.Decisions, d.Positive, d.WithinLimit)));
        Assert.Equal(result.ReturnRate, figures.ReturnRate);
        Assert.Equal(result.DecisionsWithinLimitShare, figures.DecisionsWithinLimitShare);
    }
}
