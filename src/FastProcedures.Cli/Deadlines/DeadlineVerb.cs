using Spectre.Console.Cli;

namespace FastProcedures.Cli.Deadlines;

/// <summary>Registers the verbs: deadline.</summary>
internal static class DeadlineVerb
{
    public static void Register(IConfigurator config)
    {
    }
}
