using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Yaml;
using FastProcedures.Workflows.Files;
using FastProcedures.Workflows.Sources;

namespace FastProcedures.Procedures.Tests.Routing;

/// <summary>Data files are validated like definitions: schema and semantic errors at file:line:col.</summary>
public sealed class when_routing_data_is_broken : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fastproc-data-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The engine parses the data file from its text; its diagnostics name the file as given.</summary>
    private static List<string> Errors(string file, string text, Action<DefinitionSource, List<Diagnostic>> load)
    {
        var errors = new List<Diagnostic>();
        load(new DefinitionSource("data/" + file, text), errors);
        return errors.Select(e => $"{Path.GetFileName(e.File)}:{e.Line}:{e.Column}: {e.Message}").ToList();
    }

    private static List<string> RoutingErrors(string text) => Errors(RoutingRules.FileName, text,
        (file, errors) => RoutingRules.Load(file, new HashSet<string> { "regular-procedure", "border-procedure" }, errors));

    private const string Head = "version: 1\napplies-from: 2026-06-12\npre-pact-legal-basis: National law\nlow-recognition-rate: { threshold: 20, legal-basis: \"APR Art. 42(1)(j)\" }\nrules:\n";

    [Fact]
    public void the_registry_and_so_workflows_validate_refuse_the_whole_folder()
    {
        var copy = Path.Combine(_directory, "workflows");
        foreach (var file in Directory.GetFiles(Repository.WorkflowsDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Repository.WorkflowsDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var rates = Path.Combine(copy, "data", RecognitionRates.FileName);
        File.WriteAllText(rates, File.ReadAllText(rates).Replace("  MAR: 4.0", "  MAR: -4.0"));

        var failure = Assert.Throws<DefinitionException>(() => WorkflowsFolder.Load(copy));

        var error = Assert.Single(failure.Diagnostics);
        Assert.Equal(rates, error.File);
        Assert.StartsWith("/rates/MAR: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_rule_naming_no_definition_is_reported_at_its_procedure()
    {
        var errors = RoutingErrors(Head + "  - { id: a, when: { place: border }, procedure: border-procedur, legal-basis: \"APR Art. 45\" }\n  - { id: b, when: {}, procedure: regular-procedure, legal-basis: \"APR Art. 35(4)\" }\n");

        Assert.Equal(["routing-rules.yaml:6:50: rule 'a' routes to 'border-procedur', which is no definition in workflows/"], errors);
    }

    [Fact]
    public void an_unknown_condition_and_a_bad_value_are_schema_errors()
    {
        var errors = RoutingErrors(Head + "  - { id: a, when: { nationality: MAR, place: sea }, procedure: border-procedure, legal-basis: \"APR Art. 45\" }\n  - { id: b, when: {}, procedure: regular-procedure, legal-basis: \"APR Art. 35(4)\" }\n");

        Assert.Contains("routing-rules.yaml:6:22: 'nationality' is not allowed here", errors);
        Assert.Contains(errors, e => e.StartsWith("routing-rules.yaml:6:47: /rules/0/when/place: ", StringComparison.Ordinal));
    }

    [Fact]
    public void the_last_rule_must_route_every_application()
    {
        var errors = RoutingErrors(Head + "  - { id: a, when: {}, procedure: regular-procedure, legal-basis: \"APR Art. 35(4)\" }\n  - { id: b, when: { place: border }, procedure: border-procedure, legal-basis: \"APR Art. 45\" }\n");

        Assert.Equal([
            "routing-rules.yaml:6:20: rule 'a' has no conditions, so the rules after it are never used",
            "routing-rules.yaml:7:20: the last rule ('b') must have no conditions, so every application is routed",
        ], errors);
    }

    [Fact]
    public void a_rate_above_100_or_a_code_that_is_not_alpha_3_is_refused()
    {
        var errors = Errors(RecognitionRates.FileName, "version: 1\nsource: Eurostat\nreference-period: \"2025\"\nrates:\n  MA: 4\n  SYR: 120\n",
            (file, errors) => RecognitionRates.Load(file, errors));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("recognition-rates.yaml:5:7: /rates/MA: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("recognition-rates.yaml:6:8: /rates/SYR: ", StringComparison.Ordinal));
    }

    [Fact]
    public void crisis_periods_are_checked_for_order_length_overlap_and_real_derogations()
    {
        var definitions = Repository.Registry.All.ToList();
        var errors = Errors(CrisisPeriods.FileName, """
            version: 1
            countries:
              BG:
                - { id: a, decision: "CID 1", start: 2026-09-01, end: 2026-08-01, derogations: [screening/registration-limit] }
                - { id: b, decision: "CID 2", start: 2026-10-01, end: 2027-06-01, derogations: [screening/eurodac-biometrics] }
                - { id: c, decision: "CID 3", start: 2026-11-01, end: 2026-12-01, derogations: [border-procedure/no-such-timer, no-such/timer] }
            """, (file, errors) => CrisisPeriods.Load(file, definitions, errors));

        Assert.Contains("crisis-periods.yaml:4:59: crisis 'a' ends (2026-08-01) before it starts (2026-09-01)", errors);
        Assert.Contains("crisis-periods.yaml:5:59: crisis 'b' lasts longer than 3 months extended by 3 (CFMR Art. 5(1)): record each extension decision as its own period", errors);
        Assert.Contains("crisis-periods.yaml:5:85: crisis 'b': 'screening/eurodac-biometrics': timer eurodac-biometrics has no CrisisDerogationApplied extension to apply", errors);
        Assert.Contains("crisis-periods.yaml:6:85: crisis 'c': 'border-procedure/no-such-timer': border-procedure has no timer 'no-such-timer'", errors);
        Assert.Contains("crisis-periods.yaml:6:117: crisis 'c': 'no-such/timer' names no definition 'no-such'", errors);
        Assert.Contains("crisis-periods.yaml:6:42: crisis 'c' overlaps crisis 'b' of BG", errors);
        Assert.Equal(6, errors.Count);
    }
}
