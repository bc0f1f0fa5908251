using System.Text.Json;
using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Cli;

/// <summary>The CLI contract of DESIGN.md §6 for the engine verbs, run as a user runs them.</summary>
public sealed class when_the_engine_verbs_run
{
    [Fact]
    public async Task deadline_prints_only_the_expiry_instant()
    {
        var result = await CliRunner.RunAsync(null,
            "deadline", "--from", "2022-12-20T10:00:00+02:00", "--period", "P4D", "--country", "BG");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("2022-12-30T00:00:00+02:00\n", result.StandardOutput);
    }

    [Fact]
    public async Task deadline_counts_working_days_when_asked()
    {
        var result = await CliRunner.RunAsync(null,
            "deadline", "--from", "2026-12-22T10:00:00+02:00", "--period", "P3D", "--country", "BG", "--working-days");

        Assert.Equal("2026-12-31T00:00:00+02:00", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task deadline_explains_itself_when_asked()
    {
        var result = await CliRunner.RunAsync(null,
            "deadline", "--from", "2026-04-08T10:00:00+03:00", "--period", "P2D", "--country", "RO", "--explain");

        var lines = result.StandardOutput.Trim().Split('\n');
        Assert.Equal("2026-04-15T00:00:00+03:00", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Art. 3(4): 2026-04-10 is a public holiday (Good Friday)"));
        Assert.Matches("^Calendar: RO version [0-9]+, sha256 ", lines[^1]);
    }

    [Theory]
    [InlineData("--from", "yesterday", "--period", "P1D", "--country", "BG")]
    [InlineData("--from", "2026-01-01T00:00:00+02:00", "--period", "P1Q", "--country", "BG")]
    [InlineData("--from", "2026-01-01T00:00:00+02:00", "--period", "P1D", "--country", "FR")]
    [InlineData("--period", "P1D", "--country", "BG")]
    public async Task deadline_refuses_bad_input_in_one_line_with_exit_2(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(null, ["deadline", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task workflows_validate_passes_on_the_repository_definitions()
    {
        var result = await CliRunner.RunAsync(null, "workflows", "validate");

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Fact]
    public async Task workflows_validate_reports_file_line_col_and_exits_1_on_a_broken_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "id: broken\nversion: 1\ntitle: B\nlegal-basis: X Art. 1\ncase: asylum\ninitial: a\nstages:\n  a:\n    description: A.\n    on:\n      Go: [{ goto: b }]\n");
        try
        {
            var result = await CliRunner.RunAsync(null, "workflows", "validate", file);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{Path.GetFileName(file)}:11:20: goto to an unknown stage 'b'", result.StandardError);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task workflows_list_json_shows_every_timer_with_its_legal_basis()
    {
        var result = await CliRunner.RunAsync(null, "workflows", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var definitions = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(definitions);
        foreach (var definition in definitions)
        {
            Assert.Matches("^[0-9a-f]{64}$", definition.GetProperty("hash").GetString());
            Assert.True(definition.GetProperty("version").GetInt32() >= 1);
            foreach (var timer in definition.GetProperty("timers").EnumerateArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(timer.GetProperty("legalBasis").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(timer.GetProperty("period").GetString()));
            }
        }
        // One object per definition version: version 1 is kept for the cases pinned to it.
        var border = definitions.Where(d => d.GetProperty("id").GetString() == "border-procedure")
            .MaxBy(d => d.GetProperty("version").GetInt32())!;
        Assert.Contains(definitions, d => d.GetProperty("id").GetString() == "border-procedure" && d.GetProperty("version").GetInt32() == 1);
        Assert.Contains(border.GetProperty("timers").EnumerateArray(),
            t => t.GetProperty("period").GetString() == "P12W" && t.GetProperty("legalBasis").GetString() == "APR Art. 51(2)");
    }

    [Fact]
    public async Task workflows_export_writes_bpmn_to_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.bpmn");
        try
        {
            var result = await CliRunner.RunAsync(null, "workflows", "export", "border-procedure", "--format", "bpmn", "--out", file);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P12W</bpmn:timeDuration>", await File.ReadAllTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task workflows_list_json_names_every_procedure_of_the_pact_and_the_return_side()
    {
        var result = await CliRunner.RunAsync(null, "workflows", "list", "--json");

        using var json = JsonDocument.Parse(result.StandardOutput);
        var ids = json.RootElement.EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?>
        {
            "screening", "border-procedure", "accelerated-procedure", "regular-procedure", "inadmissibility",
            "ammr-responsibility", "return-border-procedure", "return-procedure",
        }, ids);
    }

    [Fact]
    public async Task what_if_prints_every_case_with_its_workflows_and_timers_as_json()
    {
        var repository = Path.GetDirectoryName(WorkflowsFolder.Require(AppContext.BaseDirectory))!;
        var example = Path.Combine(repository, "docs", "what-if", "border-procedure.yaml");

        var result = await CliRunner.RunAsync(null, "what-if", example, "--until", "2026-12-01T00:00:00+02:00", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(["asylum", "return"], cases.Select(c => c.GetProperty("kind").GetString()));
        var returnCase = cases.Single(c => c.GetProperty("kind").GetString() == "return");
        Assert.Equal("BG-2026-000001-R", returnCase.GetProperty("id").GetString());
        var rbpr = returnCase.GetProperty("workflows").EnumerateArray().Single(w => w.GetProperty("id").GetString() == "return-border-procedure");
        Assert.True(rbpr.GetProperty("version").GetInt32() > 0);
        Assert.Equal("ordinary-return", rbpr.GetProperty("stage").GetString());
        var timer = rbpr.GetProperty("timers").EnumerateArray().Single();
        Assert.Equal(["id", "status", "startedAt", "expiresAt", "legalBasis"], timer.EnumerateObject().Select(p => p.Name));
        Assert.Equal("breached", timer.GetProperty("status").GetString());
        Assert.Equal("RBPR Art. 4(2)", timer.GetProperty("legalBasis").GetString());
        Assert.NotEmpty(json.RootElement.GetProperty("timeline").EnumerateArray());
    }

    [Fact]
    public async Task workflows_docs_writes_the_committed_reference_of_every_timer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"procedures-{Guid.NewGuid():N}.md");
        try
        {
            var result = await CliRunner.RunAsync(null, "workflows", "docs", "--out", file);

            Assert.Equal(0, result.ExitCode);
            var repository = Path.GetDirectoryName(WorkflowsFolder.Require(AppContext.BaseDirectory))!;
            var committed = await File.ReadAllTextAsync(Path.Combine(repository, "docs", "procedures.md"));
            Assert.Equal(committed, await File.ReadAllTextAsync(file));
            Assert.Contains("| border-procedure | border-procedure-limit | P12W | calendar |", committed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task workflows_export_of_an_unknown_id_is_refused()
    {
        var result = await CliRunner.RunAsync(null, "workflows", "export", "no-such-procedure", "--format", "mermaid");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("No definition 'no-such-procedure'", result.StandardError);
    }
}
