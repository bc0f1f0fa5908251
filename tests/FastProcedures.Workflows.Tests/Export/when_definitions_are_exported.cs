using System.Diagnostics;
using System.Xml.Linq;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Export;
using FastProcedures.Workflows.Tests.Definitions;
using Snapshooter.Xunit;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Workflows.Tests.Export;

public sealed class when_definitions_are_exported
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public static TheoryData<string> RepositoryDefinitions()
    {
        var data = new TheoryData<string>();
        foreach (var definition in WorkflowsFolder.Load(Calendars.WorkflowsDirectory).All)
        {
            data.Add($"{definition.Id}@{definition.Version}");
        }
        return data;
    }

    [Fact]
    public void the_fixture_exports_to_the_expected_bpmn() =>
        Snapshot.Match(BpmnExporter.Export(Fixture.Valid()));

    [Fact]
    public void the_fixture_exports_to_the_expected_mermaid() =>
        Snapshot.Match(MermaidExporter.Export(Fixture.Valid()));

    [Fact]
    public void timers_become_boundary_events_with_their_iso_duration_and_legal_basis()
    {
        var xml = XDocument.Parse(BpmnExporter.Export(Fixture.Valid()));

        var timer = xml.Descendants(Bpmn + "boundaryEvent").Single(e => (string?)e.Attribute("id") == "Timer_limit");
        Assert.Equal("Stage_examination", (string?)timer.Attribute("attachedToRef"));
        Assert.Equal("P10D", timer.Descendants(Bpmn + "timeDuration").Single().Value);
        Assert.Contains("Test Regulation Art. 2", timer.Element(Bpmn + "documentation")!.Value);
        Assert.Equal("P1W", xml.Descendants(Bpmn + "boundaryEvent")
            .Single(e => (string?)e.Attribute("id") == "Timer_appeal").Descendants(Bpmn + "timeDuration").Single().Value);
    }

    [Theory]
    [MemberData(nameof(RepositoryDefinitions))]
    public void every_repository_definition_passes_bpmnlint_recommended(string idAtVersion)
    {
        var (id, version) = (idAtVersion.Split('@')[0], int.Parse(idAtVersion.Split('@')[1]));
        var definition = WorkflowsFolder.Load(Calendars.WorkflowsDirectory).Get(id, version);
        var file = Path.Combine(Path.GetTempPath(), $"fastproc-{id}-v{version}-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(file, BpmnExporter.Export(definition));
        try
        {
            var (exitCode, output) = Bpmnlint.Run(file);
            Assert.True(exitCode == 0 && !output.Contains("warning"), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void the_fixture_passes_bpmnlint_recommended()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fastproc-fixture-{Guid.NewGuid():N}.bpmn");
        File.WriteAllText(file, BpmnExporter.Export(Fixture.Valid()));
        try
        {
            var (exitCode, output) = Bpmnlint.Run(file);
            Assert.True(exitCode == 0 && !output.Contains("warning"), output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void bpmnlint_really_rejects_a_broken_diagram()
    {
        var xml = XDocument.Parse(BpmnExporter.Export(Fixture.Valid()));
        xml.Descendants(Bpmn + "endEvent").Remove(); // no end event: bpmnlint's end-event-required
        var file = Path.Combine(Path.GetTempPath(), $"fastproc-broken-{Guid.NewGuid():N}.bpmn");
        xml.Save(file);
        try
        {
            var (exitCode, output) = Bpmnlint.Run(file);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("end-event-required", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>Runs bpmnlint (tools/bpmnlint, installed from npm on first use) with <c>bpmnlint:recommended</c>.</summary>
internal static class Bpmnlint
{
    private static readonly Lazy<string> Tool = new(Install);

    public static (int ExitCode, string Output) Run(string bpmnFile) => Exec(Tool.Value, "npx", "--no-install", "bpmnlint", bpmnFile);

    private static string Install()
    {
        var directory = Path.Combine(Path.GetDirectoryName(Calendars.WorkflowsDirectory)!, "tools", "bpmnlint");
        if (!File.Exists(Path.Combine(directory, "node_modules", ".bin", "bpmnlint")))
        {
            var (code, output) = Exec(directory, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(code == 0, "npm ci for bpmnlint failed: " + output);
        }
        return directory;
    }

    private static (int, string) Exec(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(3));
        return (process.ExitCode, stdout.Result + stderr.Result.Replace("npm warn Unknown user config \"nodedir\".", ""));
    }
}
