using FastProcedures.IntegrationTests.Infrastructure;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Cli;

/// <summary>`fastproc workflows validate PATH...` on folders, single files of each kind, and hostile files; and `serve`
/// refusing to start on a hostile definition (it loads the same files).</summary>
public sealed class when_workflow_files_are_validated : IDisposable
{
    private static readonly string Workflows = WorkflowsFolder.Require(AppContext.BaseDirectory);
    private static readonly string Repository = Path.GetDirectoryName(Workflows)!;
    private readonly string _scratch = Directory.CreateTempSubdirectory("fastproc-validate-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task the_workflows_folder_named_on_the_command_line_is_validated_whole()
    {
        var result = await CliRunner.RunInAsync(Repository, null, "workflows", "validate", "workflows");

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("1 path(s) valid.", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task one_valid_definition_is_valid_on_its_own()
    {
        var result = await CliRunner.RunInAsync(Repository, null, "workflows", "validate", "workflows/border-procedure.yaml");

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Theory]
    [InlineData("workflows/calendars/bg.yaml")]
    [InlineData("workflows/data/routing-rules.yaml")]
    [InlineData("workflows/data/recognition-rates.yaml")]
    [InlineData("workflows/data/crisis-periods.yaml")]
    [InlineData("workflows/calendars")]
    public async Task a_calendar_or_data_file_is_validated_as_what_it_is(string path)
    {
        var result = await CliRunner.RunInAsync(Repository, null, "workflows", "validate", path);

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    [Theory]
    [InlineData("x-self: &s [*s]\nid: a\n", "1:13: alias *s refers to the node that contains it (a cycle)")]
    [InlineData("id: a\n---\nid: b\n", "2:1: a second YAML document ('---') is not allowed: one definition or data set per file")]
    public async Task a_hostile_file_is_one_error_line_and_exit_1(string text, string expected)
    {
        var file = Path.Combine(_scratch, "hostile.yaml");
        await File.WriteAllTextAsync(file, text);

        var result = await CliRunner.RunInAsync(_scratch, null, "workflows", "validate", "hostile.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"hostile.yaml:{expected}", "fastproc: 1 error(s)."], result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task twenty_thousand_nested_lists_do_not_kill_the_validator()
    {
        await File.WriteAllTextAsync(Path.Combine(_scratch, "deep.yaml"), "a: " + new string('[', 20_000) + new string(']', 20_000) + "\n");

        var result = await CliRunner.RunInAsync(_scratch, null, "workflows", "validate", "deep.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("deep.yaml:1:35: nested deeper than 32 levels", result.StandardError);
    }

    [Fact]
    public async Task serve_refuses_a_hostile_definition_before_starting_any_database()
    {
        var workflows = CopyOfWorkflows();
        await File.WriteAllTextAsync(Path.Combine(workflows, "laughs.yaml"), Laughs(9));
        var data = Path.Combine(_scratch, "data");

        var result = await CliRunner.RunInAsync(_scratch,
            new Dictionary<string, string?> { ["FASTPROC_WORKFLOWS"] = workflows, ["FASTPROC_DATA"] = data, ["FASTPROC_DB"] = null },
            "serve", "--urls", "http://127.0.0.1:5998");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("workflows/laughs.yaml:6:10: more than 100000 nodes once aliases are expanded", result.StandardError);
        Assert.False(Directory.Exists(data), "no data folder, no cluster");
    }

    [Fact]
    public async Task lock_on_a_folder_with_a_broken_definition_writes_no_lock_file()
    {
        var workflows = CopyOfWorkflows();
        File.Delete(Path.Combine(workflows, "versions.lock.json"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "self.yaml"), "x-self: &s [*s]\n");

        var result = await CliRunner.RunInAsync(_scratch, new Dictionary<string, string?> { ["FASTPROC_WORKFLOWS"] = workflows },
            "workflows", "lock");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["workflows/self.yaml:1:13: alias *s refers to the node that contains it (a cycle)", "fastproc: 1 error(s)."],
            result.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(workflows, "versions.lock.json")));
    }

    private string CopyOfWorkflows()
    {
        var copy = Path.Combine(_scratch, "workflows");
        foreach (var file in Directory.GetFiles(Workflows, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Workflows, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    private static string Laughs(int levels) =>
        "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + string.Concat(Enumerable.Range(1, levels - 1)
            .Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n"));
}
