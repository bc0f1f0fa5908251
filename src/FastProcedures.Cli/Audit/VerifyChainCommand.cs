using System.ComponentModel;
using FastProcedures.Cases;
using FastProcedures.Cases.Audit.TamperEvidence;
using Npgsql;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Audit;

internal sealed class VerifyChainCommand : AsyncCommand<VerifyChainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--tenant <TENANT>")]
        [Description("BG or RO: check only that country's streams. Default: all.")]
        public string? Tenant { get; init; }
    }

    /// <summary>Exit 0 when every chain holds, 1 when any link is broken, 2 on bad input.</summary>
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Tenant is { } tenant && !Validation.Countries.Contains(tenant))
        {
            return Cli.Fail($"--tenant: '{tenant}' is not one of {string.Join(", ", Validation.Countries)}.", 2);
        }
        return await Cli.Guard(async () =>
        {
            await using var database = await ReadOnlyDatabase.OpenAsync(cancellationToken);
            var connectionString = database.ConnectionString;
            Cli.Progress($"Checking the hash chains of {(settings.Tenant is null ? "every tenant" : settings.Tenant)} ...");
            ChainReport report;
            try
            {
                report = await VerifyChain.RunAsync(connectionString, settings.Tenant, Cli.Progress, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                return Cli.Fail("This database holds no FastProcedures event store (fastproc.mt_events is missing).", 2);
            }
            foreach (var link in report.Broken)
            {
                Console.WriteLine(link.Reason is { } reason
                    ? $"BROKEN {link.Tenant} {link.StreamId} from version {link.Version}: {reason}"
                    : $"BROKEN {link.Tenant} {link.StreamId} sequence {link.Sequence} version {link.Version} " +
                      $"({link.EventType}): stored hash {link.Stored ?? "(none)"}, the stored data gives {link.Expected}");
            }
            Console.WriteLine(report.Intact
                ? $"{report.Streams} stream(s), {report.Events} event(s): every chain intact."
                : $"{report.Streams} stream(s), {report.Events} event(s): {report.Broken.Count} stream(s) broken.");
            return report.Intact ? 0 : 1;
        });
    }
}
