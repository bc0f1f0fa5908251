using FastProcedures.Workflows.Crisis;

namespace FastProcedures.Procedures.Tests.Crisis;

public sealed class when_a_crisis_is_declared
{
    private static readonly CrisisPeriods Periods = new(1, [
        new CrisisPeriod("bg-2026-1", "BG", "Council Implementing Decision (EU) 2026/0001", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 30),
            ["screening/registration-limit", "border-procedure/border-procedure-limit", "return-border-procedure/return-border-limit"]),
        new CrisisPeriod("bg-2026-2", "BG", "Council Implementing Decision (EU) 2026/0002", new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 28),
            ["border-procedure/border-procedure-limit"]),
    ]);

    [Theory]
    [InlineData("BG", "2026-09-01", "bg-2026-1")]
    [InlineData("BG", "2026-11-30", "bg-2026-1")]
    [InlineData("BG", "2026-12-01", "bg-2026-2")]
    [InlineData("BG", "2026-08-31", null)]
    [InlineData("RO", "2026-10-01", null)]
    public void the_period_covering_a_case_is_the_one_its_registration_day_falls_in(string country, string registered, string? crisis) =>
        Assert.Equal(crisis, Periods.Covering(country, DateOnly.Parse(registered))?.Id);

    [Fact]
    public void a_covered_case_learns_which_timers_are_derogated_per_definition()
    {
        var covering = Periods.Covering("BG", new DateOnly(2026, 10, 15))!;

        Assert.Equal(["border-procedure-limit"], covering.TimersOf("border-procedure"));
        Assert.Equal(["registration-limit"], covering.TimersOf("screening"));
        Assert.Empty(covering.TimersOf("return-procedure"));
        Assert.Equal(3, Periods.DerogatedTimers("BG", new DateOnly(2026, 10, 15)).Count);
        Assert.Empty(Periods.DerogatedTimers("RO", new DateOnly(2026, 10, 15)));
    }

    [Fact]
    public void the_repository_file_loads_and_declares_no_crisis_today()
    {
        var periods = Repository.Registry.Data!.CrisisPeriods;

        Assert.Empty(periods.All);
        Assert.Null(periods.Covering("BG", new DateOnly(2026, 7, 1)));
    }

    [Fact]
    public void registration_under_an_extension_of_a_mass_arrivals_crisis_and_ammr_under_instrumentalisation_are_refused()
    {
        // CFMR Art. 10(4) and Art. 12.
        var file = new FastProcedures.Workflows.Sources.DefinitionSource(CrisisPeriods.FileName, """
            version: 2
            countries:
              BG:
                - id: bg-2026-1
                  decision: "Council Implementing Decision (EU) 2026/0001"
                  type: mass-arrivals
                  decision-kind: extension
                  start: 2026-12-01
                  end: 2027-02-28
                  derogations: [screening/registration-limit]
                - id: bg-2027-1
                  decision: "Council Implementing Decision (EU) 2027/0001"
                  type: instrumentalisation
                  start: 2027-03-01
                  end: 2027-05-31
                  derogations: [ammr-responsibility/take-charge-request]
            """);
        var errors = new List<FastProcedures.Workflows.Yaml.Diagnostic>();

        var periods = CrisisPeriods.Load(file, Repository.Registry.All.ToList(), errors);

        Assert.Null(periods);
        // The refusals come from the definitions' own guards, with their legal bases: no procedure id in the loader.
        Assert.Contains(errors, e => e.Message.Contains("'screening/registration-limit' extends nothing in a crisis of type mass-arrivals under its extension decision")
            && e.Message.Contains("CFMR Art. 10(1), 10(4)"));
        Assert.Contains(errors, e => e.Message.Contains("'ammr-responsibility/take-charge-request' extends nothing in a crisis of type instrumentalisation")
            && e.Message.Contains("CFMR Art. 12(2)(a)"));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void a_derogation_for_a_crisis_its_guard_admits_loads_and_the_case_fields_a_guard_also_reads_are_left_open()
    {
        // CFMR Art. 11: the return border derogations read whether the case is one of Art. 11(3), (4) or (6), which only
        // the case knows; the file cannot be refused for it.
        var file = new FastProcedures.Workflows.Sources.DefinitionSource(CrisisPeriods.FileName, """
            version: 2
            countries:
              BG:
                - id: bg-2027-2
                  decision: "Council Implementing Decision (EU) 2027/0002"
                  type: instrumentalisation
                  start: 2027-06-01
                  end: 2027-08-31
                  derogations: [screening/registration-limit, border-procedure/border-procedure-limit, return-border-procedure/return-border-limit]
                - id: bg-2027-3
                  decision: "Council Implementing Decision (EU) 2027/0003"
                  type: mass-arrivals
                  start: 2027-09-01
                  end: 2027-11-30
                  derogations: [ammr-responsibility/take-charge-request]
            """);
        var errors = new List<FastProcedures.Workflows.Yaml.Diagnostic>();

        var periods = CrisisPeriods.Load(file, Repository.Registry.All.ToList(), errors);

        Assert.Empty(errors);
        Assert.Equal(2, periods!.All.Count);
    }
}
