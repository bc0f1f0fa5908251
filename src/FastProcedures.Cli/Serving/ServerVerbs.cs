using Spectre.Console.Cli;

namespace FastProcedures.Cli.Serving;

/// <summary>Registers the verbs: serve, db start|stop|status.</summary>
internal static class ServerVerbs
{
    public static void Register(IConfigurator config)
    {
    }
}
