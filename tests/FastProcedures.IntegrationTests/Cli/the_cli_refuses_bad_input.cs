using FastProcedures.IntegrationTests.Infrastructure;

namespace FastProcedures.IntegrationTests.Cli;

/// <summary>
/// The CLI's bad-input catalogue (issue 14): every verb with unknown options, missing and extra arguments, options
/// without values, bad instants, periods and countries, missing files. Each is one line on stderr, nothing on stdout,
/// a non-zero exit, and nothing written: no data folder, no cluster, no output file.
/// </summary>
public sealed class the_cli_refuses_bad_input : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("fastproc-badinput-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string DataFolder => Path.Combine(_scratch, "data");

    private Task<CliRunner.Result> RunAsync(params string[] arguments) =>
        CliRunner.RunInAsync(_scratch,
            new Dictionary<string, string?> { ["FASTPROC_DATA"] = DataFolder, ["FASTPROC_DB"] = null, ["FASTPROC_RABBITMQ"] = null },
            arguments);

    public static TheoryData<string[], string> Refusals => new()
    {
        // Unknown options: refused, never ignored.
        { ["serve", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["serve", "--demo", "--bogus", "--urls", "http://127.0.0.1:5997"], "fastproc: Unknown option 'bogus'." },
        { ["db", "start", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["db", "stop", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["db", "status", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["workflows", "validate", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["workflows", "list", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["workflows", "export", "border-procedure", "--format", "bpmn", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["workflows", "docs", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["workflows", "lock", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["deadline", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1D", "--country", "BG", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["replay", "BG-2026-000001", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["verify-chain", "--bogus"], "fastproc: Unknown option 'bogus'." },
        // Unknown verbs and extra arguments.
        { ["frobnicate"], "fastproc: Unknown command 'frobnicate'." },
        { ["db", "restart"], "fastproc: Unknown command 'restart'." },
        { ["serve", "now"], "fastproc: Unknown command 'now'." },
        { ["db", "status", "now"], "fastproc: Unknown command 'now'." },
        { ["workflows", "list", "extra"], "fastproc: Unknown command 'extra'." },
        { ["workflows", "export", "border-procedure", "extra", "--format", "bpmn"], "fastproc: Could not match 'extra' with an argument." },
        { ["replay", "BG-2026-000001", "BG-2026-000002"], "fastproc: Could not match 'BG-2026-000002' with an argument." },
        { ["verify-chain", "extra"], "fastproc: Unknown command 'extra'." },
        { ["deadline", "extra", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1D", "--country", "BG"], "fastproc: Unknown command 'extra'." },
        // Missing arguments and options without their value.
        { ["workflows", "export"], "fastproc: Command 'export' is missing required argument 'ID'." },
        { ["replay"], "fastproc: Command 'replay' is missing required argument 'CASE-ID'." },
        { ["serve", "--urls"], "fastproc: --urls needs a value." },
        { ["replay", "BG-2026-000001", "--as-of"], "fastproc: --as-of needs a value." },
        { ["verify-chain", "--tenant"], "fastproc: --tenant needs a value." },
        { ["workflows", "export", "border-procedure", "--format"], "fastproc: --format needs a value." },
        { ["deadline", "--period", "P1D", "--country", "BG"], "fastproc: deadline needs --from, --period and --country." },
        { ["deadline", "--flag-with", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1D", "--country", "BG"], "fastproc: Unknown option 'flag-with'." },
        { ["deadline", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1D", "--country", "BG", "--working-days=yes"], "fastproc: Flags cannot be assigned a value." },
        // Bad instants: an offset is required, as the messages say.
        { ["deadline", "--from", "2026-01-01T10:00:00", "--period", "P1D", "--country", "BG"], "fastproc: --from: '2026-01-01T10:00:00' is not an ISO 8601 instant with an offset." },
        { ["deadline", "--from", "2026-01-01", "--period", "P1D", "--country", "BG"], "fastproc: --from: '2026-01-01' is not an ISO 8601 instant with an offset." },
        { ["deadline", "--from", "2026-02-30T10:00:00+02:00", "--period", "P1D", "--country", "BG"], "fastproc: --from: '2026-02-30T10:00:00+02:00' is not an ISO 8601 instant with an offset." },
        { ["replay", "BG-2026-000001", "--as-of", "2026-07-15T12:00:00"], "fastproc: --as-of: '2026-07-15T12:00:00' is not an ISO 8601 instant with an offset." },
        { ["replay", "BG-2026-000001", "--as-of", "yesterday"], "fastproc: --as-of: 'yesterday' is not an ISO 8601 instant with an offset." },
        // Bad periods, countries, formats and ids.
        { ["deadline", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1Q", "--country", "BG"], "fastproc: --period: 'P1Q' is not an ISO 8601 period such as PT72H, P5D, P12W, P2M or P1Y." },
        { ["deadline", "--from", "2026-01-01T10:00:00+02:00", "--period", "P-1D", "--country", "BG"], "fastproc: --period: 'P-1D' is not an ISO 8601 period such as PT72H, P5D, P12W, P2M or P1Y." },
        { ["deadline", "--from", "2026-01-01T10:00:00+02:00", "--period", "P1D", "--country", "FR"], "fastproc: --country: no calendar for 'FR' (known: BG, RO)." },
        { ["verify-chain", "--tenant", "FR"], "fastproc: --tenant: 'FR' is not one of BG, RO." },
        { ["replay", "FR-2026-000001"], "fastproc: 'FR-2026-000001' is not a case id (BG-… or RO-…)." },
        { ["workflows", "export", "border-procedure", "--format", "pdf"], "fastproc: --format: 'pdf' is not bpmn or mermaid." },
        { ["workflows", "export", "no-such-procedure", "--format", "bpmn"], "fastproc: No definition 'no-such-procedure'." },
        { ["serve", "--urls", "not a url"], "fastproc: --urls: 'not a url' is not an absolute http:// or https:// URL with a host." },
        { ["workflows", "export", "border-procedure", "--format", "bpmn", "--version", "v2"], "fastproc: 'v2' is not a valid number." },
        // bench.
        { ["bench", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["bench", "extra"], "fastproc: Unknown command 'extra'." },
        { ["bench", "--cases"], "fastproc: an option is given without its value." },
        { ["bench", "--cases", "x"], "fastproc: 'x' is not a valid number." },
        { ["bench", "--cases", "0"], "fastproc: --cases: 0 is not a positive number." },
        { ["bench", "--clients", "0"], "fastproc: --clients: 0 is not between 1 and 256." },
        { ["bench", "--rounds", "0"], "fastproc: --rounds: 0 is not a positive number." },
        // simulate.
        { ["simulate", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["simulate"], "fastproc: simulate needs --scenario NAME|FILE." },
        { ["simulate", "extra", "--scenario", "bg-2023"], "fastproc: Unknown command 'extra'." },
        { ["simulate", "--scenario", "bg-2023", "--days", "x"], "fastproc: 'x' is not a valid number." },
        { ["simulate", "--scenario", "bg-2023", "--days"], "fastproc: an option is given without its value." },
        { ["simulate", "--scenario", "bg-2023", "--days", "0"], "fastproc: --days: 0 is not between 1 and 3660." },
        { ["simulate", "--scenario", "bg-2023", "--set"], "fastproc: --set needs a value." },
        { ["simulate", "--scenario", "bg-2023", "--report"], "fastproc: --report needs a value." },
        // what-if.
        { ["what-if", "history.yaml", "--bogus"], "fastproc: Unknown option 'bogus'." },
        { ["what-if"], "fastproc: Command 'what-if' is missing required argument 'FILE'." },
        { ["what-if", "a.yaml", "b.yaml"], "fastproc: Could not match 'b.yaml' with an argument." },
        { ["what-if", "missing.yaml"], "fastproc: missing.yaml: no such file." },
        { ["what-if", "history.yaml", "--until"], "fastproc: --until needs a value." },
        { ["what-if", "history.yaml", "--until", "tomorrow"], "fastproc: --until: 'tomorrow' is not an ISO 8601 instant with an offset." },
        { ["what-if", "history.yaml", "--until", "2026-07-01T10:00:00"], "fastproc: --until: '2026-07-01T10:00:00' is not an ISO 8601 instant with an offset." },
    };

    /// <summary>What-if files with one mistake each: one line naming the step (by its number) and the field.</summary>
    public static TheoryData<string, string> BadHistories => new()
    {
        { "country: FR\nsteps: []\n", "fastproc: history.yaml: country: 'FR' is not one of BG, RO." },
        { "country: BG\n", "fastproc: history.yaml: steps: a list of {at, command, with} is required." },
        { "country: BG\nsteps: [\n", "fastproc: history.yaml: line 3: not valid YAML: " },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02\n    command: start-screening\n",
            "fastproc: history.yaml: step 2: at: '2026-07-02' is not an ISO 8601 instant with an offset." },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02T08:00:00+03:00\n    command: decide-everything\n",
            "fastproc: history.yaml: step 2: command: 'decide-everything' is not an action (" },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02T08:00:00+03:00\n    command: issue-decision\n    with: {{ outcom: RejectedUnfounded }}\n",
            "fastproc: history.yaml: step 2 (issue-decision): 'outcom' is not a field of issue-decision (" },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02T08:00:00+03:00\n    command: issue-decision\n    with: {{ outcome: Maybe, legalBasis: x }}\n",
            "fastproc: history.yaml: step 2 (issue-decision): 'outcome': the value is not one of GrantedRefugee, " },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02T08:00:00+03:00\n    command: register-application\n    with: {{ procedure: border-procedure }}\n",
            "fastproc: history.yaml: step 2 (register-application): 'ground' is required." },
        { $"country: BG\nsteps:\n{MakeApplication}  - at: 2026-07-02T08:00:00+03:00\n    command: lodge-application\n",
            "fastproc: history.yaml: step 2 (lodge-application): refused: Case BG-2026-000001 is not registered yet" },
    };

    private const string MakeApplication =
        "  - at: 2026-07-01T08:00:00+03:00\n    command: make-application\n" +
        "    with: { place: Border, location: X, nationality: MAR, hasTravelDocument: false, applicant: { fullName: A } }\n";

    [Theory]
    [MemberData(nameof(BadHistories))]
    public async Task a_bad_what_if_file_is_one_line_naming_the_step_and_field(string history, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_scratch, "history.yaml"), history);

        var result = await RunAsync("what-if", "history.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.StandardError.Trim());
        Assert.DoesNotContain('\n', result.StandardError.Trim());
        Assert.Empty(result.StandardOutput);
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task bad_input_is_one_line_a_non_zero_exit_and_nothing_written(string[] arguments, string expected)
    {
        var result = await RunAsync(arguments);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(expected, result.StandardError.Trim());
        Assert.Empty(result.StandardOutput);
        Assert.False(Directory.Exists(DataFolder), "no data folder, no cluster");
    }

    [Fact]
    public async Task a_missing_file_to_validate_is_named_with_its_position_and_exit_1()
    {
        var result = await RunAsync("workflows", "validate", "missing.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["missing.yaml:1:1: no such file", "fastproc: 1 error(s)."], result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task a_missing_scenario_file_is_one_line()
    {
        var result = await RunAsync("simulate", "--scenario", "missing.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("fastproc: --scenario: 'missing.yaml' is neither a file nor a scenario in ", result.StandardError.Trim());
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Fact]
    public async Task an_export_to_an_unwritable_place_is_one_line_and_writes_nothing()
    {
        var target = Path.Combine(_scratch, "missing-folder", "border.bpmn");

        var result = await RunAsync("workflows", "export", "border-procedure", "--format", "bpmn", "--out", target);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"fastproc: --out: cannot write {target}", result.StandardError.Trim());
        Assert.Single(result.StandardError.Trim().Split('\n'));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task serve_with_an_unknown_option_does_not_start_a_server()
    {
        var result = await RunAsync("serve", "--bogus", "--urls", "http://127.0.0.1:5996");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Serving", result.StandardError);
        Assert.False(Directory.Exists(DataFolder));
    }

    [Fact]
    public async Task an_unreachable_rabbitmq_is_one_line_and_a_prompt_exit()
    {
        var result = await CliRunner.RunInAsync(_scratch,
            new Dictionary<string, string?>
            {
                ["FASTPROC_DATA"] = DataFolder, ["FASTPROC_DB"] = null, ["FASTPROC_RABBITMQ"] = "amqp://guest:guest@127.0.0.1:1/",
            },
            "serve", "--urls", "http://127.0.0.1:5995");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("fastproc: Cannot reach RabbitMQ at 127.0.0.1:1 given in FASTPROC_RABBITMQ: Connection refused", result.StandardError.Trim());
        Assert.False(Directory.Exists(DataFolder), "checked before any database is started");
    }
}
