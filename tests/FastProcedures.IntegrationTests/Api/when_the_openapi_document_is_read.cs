using System.Diagnostics;
using System.Text.Json.Nodes;
using Alba;
using FastProcedures.Host.Apis;
using FastProcedures.IntegrationTests.Infrastructure;
using Snapshooter.Xunit;
using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>The OpenAPI document describes every endpoint with its security, bodies and answers; Redocly's
/// recommended ruleset finds no error in it; and a snapshot catches any unintended change.</summary>
public sealed class when_the_openapi_document_is_read(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private IAlbaHost _host = null!;
    private string _document = "";

    public async Task InitializeAsync()
    {
        _host = await database.StartHostAsync();
        var (status, _, result) = await _host.GetAsync("", "/openapi/v1.json");
        Assert.Equal(200, status);
        _document = await result.ReadAsTextAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void it_matches_the_snapshot() => Snapshot.Match(JsonNode.Parse(_document)!.ToJsonString(new() { WriteIndented = true }));

    [Fact]
    public void every_use_case_has_its_own_endpoint_and_body_without_the_fields_taken_from_route_and_token()
    {
        var document = JsonNode.Parse(_document)!;
        var paths = document["paths"]!.AsObject();
        Assert.NotEmpty(CaseCommands.All);
        foreach (var command in CaseCommands.All)
        {
            var path = command.OpensCase ? paths.First(p => p.Value!["post"]?["operationId"]?.GetValue<string>() == command.Action).Value!
                : paths[$"/api/cases/{{id}}/{command.Action}"]!;
            var post = path["post"]!;
            var schema = post["requestBody"]!["content"]!["application/json"]!["schema"]!;
            var name = ((string)schema["$ref"]!).Split('/')[^1];
            Assert.Equal(command.Type.Name, name);
            var properties = document["components"]!["schemas"]![name]!["properties"]!.AsObject().Select(p => p.Key).ToList();
            Assert.DoesNotContain(properties, p => p.EndsWith("By"));
            Assert.Equal(command.OpensCase, properties.Contains("caseId"));
            Assert.Equal("bearer", post["security"]![0]!.AsObject().Single().Key);
            Assert.All(new[] { "200", "400", "401", "403", "409", "422" }, status => Assert.NotNull(post["responses"]![status]));
        }
        Assert.Equal("http", (string)document["components"]!["securitySchemes"]!["bearer"]!["type"]!);
        Assert.Empty(paths["/health"]!["get"]!["security"]![0]!.AsObject());
    }

    [Fact]
    public void redocly_recommended_rules_report_no_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"fastproc-openapi-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, _document);
        try
        {
            var (code, output) = Redocly.Lint(file);

            Assert.True(code == 0, output);
            Assert.Contains("Woohoo! Your API description is valid.", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>Runs Redocly CLI (tools/redocly, installed from npm on first use) with the recommended ruleset.</summary>
internal static class Redocly
{
    private static readonly Lazy<string> Tool = new(Install);

    public static (int ExitCode, string Output) Lint(string file) =>
        Exec(Tool.Value, "npx", "--no-install", "redocly", "lint", "--extends=recommended", "--format=stylish", file);

    private static string Install()
    {
        var directory = Path.Combine(WorkflowsFolder.Require(), "..", "tools", "redocly");
        if (!File.Exists(Path.Combine(directory, "node_modules", ".bin", "redocly")))
        {
            var (code, output) = Exec(directory, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(code == 0, "npm ci for @redocly/cli failed: " + output);
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
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(TimeSpan.FromMinutes(3));
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
