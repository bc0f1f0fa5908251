using Snapshooter.Xunit;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>Each kind of broken definition gets its precise file:line:col error, all at once.</summary>
public sealed class when_a_definition_is_broken
{
    private static string Errors(string fixture)
    {
        var (definition, errors) = Fixture.Load(fixture);
        Assert.Null(definition);
        Assert.NotEmpty(errors);
        return string.Join("\n", errors);
    }

    [Fact]
    public void a_goto_to_an_unknown_stage_is_reported_at_the_goto() =>
        Assert.Equal("Fixtures/goto-unknown-stage.yaml:11:22: goto to an unknown stage 'nowhere'", Errors("goto-unknown-stage.yaml"));

    [Fact]
    public void an_unreachable_stage_is_reported_at_its_name() =>
        Assert.Equal("Fixtures/unreachable-stage.yaml:12:3: stage 'island' is unreachable from 'first'", Errors("unreachable-stage.yaml"));

    [Fact]
    public void a_timer_on_an_event_no_stage_knows_is_reported_at_the_event() =>
        Assert.Equal(
            "Fixtures/timer-on-unknown-event.yaml:21:15: timer 'limit' stops-on Dnoe, an event no stage knows (declare it under events: if it is real)",
            Errors("timer-on-unknown-event.yaml"));

    [Fact]
    public void every_broken_definition_gets_its_errors_in_one_report() =>
        Snapshot.Match(string.Join("\n\n", new[]
        {
            "goto-unknown-stage.yaml", "unreachable-stage.yaml", "timer-on-unknown-event.yaml", "duplicate-ids.yaml",
            "bad-period-and-guard.yaml", "extension-beyond-maximum.yaml", "timer-without-legal-basis.yaml",
            "yaml-syntax-error.yaml",
        }.Select(Errors)));

    [Fact]
    public void an_extension_beyond_its_maximum_is_refused() =>
        Assert.Contains("extension on CrisisDerogationApplied gives P18W, beyond its maximum P16W", Errors("extension-beyond-maximum.yaml"));

    [Fact]
    public void a_timer_without_a_legal_basis_is_refused() =>
        Assert.Contains("legal-basis", Errors("timer-without-legal-basis.yaml"));

    [Fact]
    public void a_valid_definition_has_a_stable_hash_that_ignores_comments()
    {
        var (definition, errors) = Fixture.Load("valid-minimal.yaml");
        Assert.Empty(errors);
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures", "valid-minimal.yaml"));
        var loader = new FastProcedures.Workflows.Definitions.DefinitionLoader();
        var noErrors = new List<FastProcedures.Workflows.Yaml.Diagnostic>();

        var recommented = loader.Load("x.yaml", "# another comment\n" + text.Replace("# yaml-language-server", "#  yaml-language-server"), noErrors);
        var changed = loader.Load("y.yaml", text.Replace("title: Examination limit", "title: Examination time limit"), noErrors);

        Assert.Empty(noErrors);
        Assert.Equal(definition!.Hash, recommented!.Hash);
        Assert.NotEqual(definition.Hash, changed!.Hash);
    }
}
