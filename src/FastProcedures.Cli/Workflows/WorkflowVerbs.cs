using Spectre.Console.Cli;

namespace FastProcedures.Cli.Workflows;

/// <summary>Registers the verbs: workflows validate|list|export.</summary>
internal static class WorkflowVerbs
{
    public static void Register(IConfigurator config)
    {
    }
}
