using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.Replaying;
using FastProcedures.Cases.Audit.ReplayVerification;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Audit;

internal sealed class ReplayCommand : AsyncCommand<ReplayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<CASE-ID>")]
        [Description("The case, e.g. BG-2026-000123; its prefix is its tenant.")]
        public string CaseId { get; init; } = "";

        [CommandOption("--as-of <INSTANT>")]
        [Description("Show the case as it stood at this instant of legal time (ISO 8601 with offset). Default: now.")]
        public string? AsOf { get; init; }

        [CommandOption("--verify")]
        [Description("Replay every recorded input through the engine on the pinned definitions and compare.")]
        public bool Verify { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object: state, deadlines, verification and the case's access log.")]
        public bool Json { get; init; }

        [CommandOption("--by <NAME>")]
        [Description("Who reads (recorded in the case's access log). Default: the OS user.")]
        public string? By { get; init; }

        [CommandOption("--purpose <TEXT>")]
        [Description("Why (recorded in the case's access log). Default: audit replay.")]
        public string Purpose { get; init; } = "audit replay";
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Exit 0 (verified, or shown), 1 on divergence, 2 on bad input (unknown case, bad instant).</summary>
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (AuditVerbs.TenantOf(settings.CaseId) is not { } tenant)
        {
            return Cli.Fail($"'{settings.CaseId}' is not a case id (BG-… or RO-…).", 2);
        }
        DateTimeOffset? instant = null;
        if (settings.AsOf is { } asOf)
        {
            if (!Cli.TryParseInstant(asOf, out var parsed))
            {
                return Cli.Fail($"--as-of: '{asOf}' is not an ISO 8601 instant with an offset.", 2);
            }
            instant = parsed;
        }
        WorkflowCatalog catalog;
        try
        {
            catalog = WorkflowCatalog.Load();
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FastProcedures.Workflows.Yaml.DefinitionException)
        {
            return Cli.Fail(e.Message.ReplaceLineEndings(" "), 2);
        }
        return await Cli.Guard(async () =>
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(cancellationToken);
            await using var store = AuditVerbs.Store(database.ConnectionString);
            await using var session = store.LightweightSession(tenant);
            var by = settings.By ?? Environment.UserName;
            var replay = await CaseReplay.RunAsync(session, catalog, settings.CaseId, instant, settings.Verify,
                new Reader(by, settings.Verify ? settings.Purpose + " (verify)" : settings.Purpose), DateTimeOffset.UtcNow, cancellationToken);
            switch (replay.Outcome)
            {
                case ReplayOutcome.NoSuchCase:
                    return Cli.Fail($"There is no case {settings.CaseId}.", 2);
                case ReplayOutcome.NotYet:
                    return Cli.Fail($"Case {settings.CaseId} did not exist yet at {instant:O}.", 2);
                case ReplayOutcome.NotACase:
                    return Cli.Fail($"'{settings.CaseId}' is not a case stream.", 2);
            }
            var (state, report) = (replay.State!, replay.Report);
            if (settings.Json)
            {
                Console.WriteLine(JsonSerializer.Serialize(replay.View, JsonOptions));
            }
            else
            {
                Print(state, report);
            }
            return report is { Verified: false } ? 1 : 0;
        });
    }

    private static void Print(CaseAsOfResult state, ReplayReport? report)
    {
        Console.WriteLine($"{state.CaseId} ({state.Kind} case) as of {state.At:O}, version {state.Version}");
        Console.WriteLine("Workflows:");
        foreach (var (workflow, stage) in state.Stages)
        {
            Console.WriteLine($"  {workflow}: {stage ?? "(not started)"}");
        }
        Console.WriteLine(state.Deadlines.Count == 0 ? "Running deadlines: none" : "Running deadlines:");
        foreach (var d in state.Deadlines)
        {
            var status = d.Status == TimerStatus.Suspended ? $"suspended since {d.SuspendedAt:O}, " : "";
            Console.WriteLine($"  {d.Workflow}/{d.Timer} ({d.Period}): {status}expires {d.ExpiresAt:O}, {Left(d.Left)}");
        }
        if (report is null)
        {
            return;
        }
        Console.WriteLine(report.Verified
            ? $"Verified: {report.InputsReplayed} input(s) replayed, {report.WorkflowEventsCompared} workflow event(s) match."
            : $"NOT VERIFIED: {report.Divergences.Count} divergence(s), {report.PinProblems.Count} pinned-definition problem(s).");
        foreach (var problem in report.PinProblems)
        {
            Console.WriteLine($"  pinned definition: {problem}");
        }
        foreach (var d in report.Divergences)
        {
            Console.WriteLine($"  sequence {d.Sequence} (version {d.Version}, {d.EventType}):");
            Console.WriteLine($"    expected: {d.Expected ?? "(nothing)"}");
            Console.WriteLine($"    recorded: {d.Recorded ?? "(nothing)"}");
        }
    }

    private static string Left(TimeSpan left) => CaseReplay.Left(left);
}
