using FastProcedures.Workflows.Export;

namespace FastProcedures.Procedures.Tests.Docs;

public sealed class when_the_procedures_document_is_generated
{
    private static string Generated() => ProceduresDocument.Generate(Repository.Registry.All, Repository.Registry.Calendars);

    [Fact]
    public void the_committed_docs_procedures_md_matches_the_definitions()
    {
        var file = Path.Combine(Path.GetDirectoryName(Repository.WorkflowsDirectory)!, "docs", "procedures.md");
        var committed = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : "";

        Assert.True(committed == Generated().ReplaceLineEndings("\n"),
            $"docs/procedures.md is stale: the definitions or calendars changed. Regenerate it with: {ProceduresDocument.RegenerateCommand}");
    }

    [Fact]
    public void every_timer_of_every_definition_has_a_row_with_its_legal_basis()
    {
        var text = Generated();

        foreach (var definition in Repository.Registry.All)
        {
            foreach (var timer in definition.Timers)
            {
                var name = definition.Version == 1 ? definition.Id : $"{definition.Id} v{definition.Version}";
                Assert.Contains($"| {name} | {timer.Id} | ", text);
                Assert.Contains(timer.LegalBasis.Replace("|", "\\|"), text);
            }
            Assert.Contains($"%% {definition.Id} v{definition.Version} sha256:", text);
        }
    }

    [Fact]
    public void a_changed_period_changes_the_document()
    {
        var registry = Repository.Registry;
        var border = registry.Latest("border-procedure");
        var timers = border.Timers.Select(t => t.Id == "border-procedure-limit"
            ? t with { Period = Workflows.Clock.LegalPeriod.Parse("P13W", false) }
            : t).ToList();
        var changed = registry.All.Select(d => d.Id == border.Id ? border with { Timers = timers } : d);

        var text = ProceduresDocument.Generate(changed, registry.Calendars);

        Assert.NotEqual(Generated(), text);
        Assert.Contains($"| border-procedure v{border.Version} | border-procedure-limit | P13W |", text);
    }
}
