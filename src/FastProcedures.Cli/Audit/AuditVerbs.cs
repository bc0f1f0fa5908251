using FastProcedures.Cases;
using FastProcedures.Host;
using Marten;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Audit;

/// <summary>Registers the auditors' verbs: replay, verify-chain.</summary>
internal static class AuditVerbs
{
    public static void Register(IConfigurator config)
    {
        config.AddCommand<ReplayCommand>("replay")
            .WithDescription("Show a case as of an instant (stages, running deadlines); with --verify, replay it through the engine and compare.")
            .WithExample("replay", "BG-2026-000123", "--as-of", "2026-07-15T12:00:00+03:00")
            .WithExample("replay", "BG-2026-000123", "--verify", "--json");
        config.AddCommand<VerifyChainCommand>("verify-chain")
            .WithDescription("Check the hash chain of every event stream; report the first broken link of each.")
            .WithExample("verify-chain", "--tenant", "BG");
    }

    /// <summary>The database of <c>FASTPROC_DB</c>, or the embedded cluster's, started and created when needed: for
    /// verbs that write (bench). The auditors' verbs use <see cref="ReadOnlyDatabase"/>, which creates nothing.</summary>
    public static Task<string> ConnectionStringAsync(CancellationToken cancellation) =>
        DatabaseLocator.ResolveAsync(new ConfigurationBuilder().AddEnvironmentVariables().Build(), Cli.Progress, cancellation);

    /// <summary>A Marten store configured as the application's (hash chain listener included), without Wolverine, that
    /// never creates schema objects: the auditors' verbs read an existing event store.</summary>
    public static DocumentStore Store(string connectionString) => DocumentStore.For(store =>
    {
        store.Connection(Connections.WithPreparedStatements(connectionString));
        store.ConfigureFastProcedures();
        store.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
    });

    /// <summary>The tenant of a case is its id prefix (<c>BG-…</c>, <c>RO-…</c>).</summary>
    public static string? TenantOf(string caseId) =>
        Validation.Countries.FirstOrDefault(c => caseId.StartsWith(c + "-", StringComparison.Ordinal));
}
