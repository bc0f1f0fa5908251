using FastProcedures.Simulation;
using SimulatedScenario = FastProcedures.Simulation.Scenario;

namespace FastProcedures.Procedures.Tests.Simulation;

/// <summary>
/// The capacity simulation runs cases through the repository's definitions, routing data and Decide on a virtual
/// clock: one seed gives one result, staff shortages show up as breaches put down to staff, and the report renders
/// without a network.
/// </summary>
public sealed class when_a_capacity_simulation_runs
{
    private static readonly string SchemaFile = Path.Combine(Repository.WorkflowsDirectory, "schema", "scenario.schema.json");

    private static SimulatedScenario Shipped(string name, int days)
    {
        var file = ScenarioLoader.Shipped(Repository.WorkflowsDirectory, name)!;
        return ScenarioLoader.Load(file, File.ReadAllText(file), SchemaFile) with { Days = days };
    }

    private static SimulationResult Run(SimulatedScenario scenario, int seed = 7) => new Simulator(scenario, Repository.Registry, seed).Run();

    [Theory]
    [InlineData("bg-2023")]
    [InlineData("ro-2023")]
    [InlineData("eu-2023")]
    public void every_shipped_scenario_is_valid_and_names_its_source(string name)
    {
        var scenario = Shipped(name, 365);
        Assert.Equal(name, scenario.Id);
        Assert.Contains("2023", scenario.Source);
        Assert.True(scenario.PerYear > 0);
    }

    [Fact]
    public void two_runs_with_one_seed_give_identical_figures_and_another_seed_does_not()
    {
        var scenario = Shipped("ro-2023", 60);
        var first = Report.ToJson([("run", Run(scenario, 11))]);
        var second = Report.ToJson([("run", Run(scenario, 11))]);
        var other = Report.ToJson([("run", Run(scenario, 12))]);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void cases_are_routed_by_the_routing_data_and_decided_through_the_definitions()
    {
        var result = Run(Shipped("bg-2023", 90));
        Assert.InRange(result.Arrived, 4500, 8000); // 22,518 a year, summer and autumn weighted
        // Syrians (about 55 %) have a high recognition rate: regular procedure; Moroccans a low one: accelerated or,
        // at the border, the border procedure (APR Art. 42(1)(j), 45).
        Assert.Contains(result.Decisions, d => d.Procedure == "regular-procedure" && d.Decisions > 0);
        Assert.Contains(result.Decisions, d => d.Procedure == "accelerated-procedure" && d.Decisions > 0);
        Assert.Contains(result.Decisions, d => d.Procedure == "border-procedure" && d.Decisions > 0);
        var limit = Assert.Single(result.Timers, t => t.Workflow == "border-procedure" && t.Timer == "border-procedure-limit");
        Assert.Equal("APR Art. 51(2)", limit.LegalBasis);
        Assert.True(limit.Started > 0);
        Assert.Contains(result.Stages, s => s.Workflow == "screening" && s.Stage == "screening" && s.MedianDays > 0);
    }

    [Fact]
    public void too_few_caseworkers_breach_the_examination_limits_and_the_breaches_are_put_down_to_staff()
    {
        var scenario = Shipped("bg-2023", 120).With("asylum.staff=3");
        var result = Run(scenario);
        var examination = result.Timers.Where(t => t.Timer is "examination-limit" or "border-procedure-limit").ToList();
        Assert.True(examination.Sum(t => t.Breached) > 0);
        Assert.True(result.BreachesByCause.GetValueOrDefault("staff: asylum") > 0);
        Assert.True(result.Backlog.Single(b => b.Unit == "asylum").PerDay[^1] > 500);
    }

    [Fact]
    public void ten_more_caseworkers_never_make_the_border_procedure_worse()
    {
        var scenario = Shipped("bg-2023", 120).With("asylum.staff=6");
        var before = Run(scenario);
        var after = Run(scenario.With("asylum.staff=+10"));
        int Breaches(SimulationResult r) => r.Timers.Where(t => t.Workflow == "border-procedure" && t.Timer == "border-procedure-limit").Sum(t => t.Breached);
        Assert.True(Breaches(before) > 0);
        Assert.True(Breaches(after) < Breaches(before));
    }

    [Fact]
    public void a_crisis_period_lengthens_the_border_procedure_limit_of_the_cases_registered_in_it()
    {
        var scenario = Shipped("bg-2023", 150).With("asylum.staff=8");
        var crisis = scenario with { Crisis = [new CrisisSpan(scenario.Start, scenario.Start.AddDays(150), "mass-arrivals")] };
        int Breaches(SimulationResult r) => r.Timers.Single(t => t.Workflow == "border-procedure" && t.Timer == "border-procedure-limit").Breached;
        // CFMR Art. 11(1): the border procedure may be extended by up to six weeks.
        Assert.True(Breaches(Run(crisis)) < Breaches(Run(scenario)));
    }

    [Fact]
    public void the_html_report_compares_two_runs_with_inline_charts_and_no_network()
    {
        var scenario = Shipped("ro-2023", 45);
        var html = Report.ToHtml([("baseline", Run(scenario)), ("asylum.staff=+10", Run(scenario.With("asylum.staff=+10")))]);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.True(html.Split("<svg").Length - 1 >= 4, "two backlog and two breach charts");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("asylum.staff=+10", html);
    }

    [Fact]
    public void a_broken_scenario_is_refused_with_file_line_and_column()
    {
        var text = File.ReadAllText(ScenarioLoader.Shipped(Repository.WorkflowsDirectory, "ro-2023")!)
            .Replace("days: 365", "days: many");
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("broken.yaml", text, SchemaFile));
        Assert.Matches(@"^broken\.yaml:\d+:\d+: ", error.Message);
    }

    [Theory]
    [InlineData("asylum.staff")]
    [InlineData("nobody.staff=3")]
    [InlineData("asylum.staff=lots")]
    public void an_unknown_or_malformed_override_is_refused(string assignment) =>
        Assert.Throws<ScenarioException>(() => Shipped("ro-2023", 10).With(assignment));
}
