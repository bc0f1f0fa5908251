using Spectre.Console.Cli;

namespace FastProcedures.Cli.Bench;

/// <summary>Registers the verb: bench.</summary>
internal static class BenchVerb
{
    public static void Register(IConfigurator config) =>
        config.AddCommand<BenchCommand>("bench")
            .WithDescription("Measure the write path on a fresh database against raw Marten appends and a minimal FetchForWriting command.")
            .WithExample("bench", "--cases", "2000", "--clients", "8", "--json");
}
