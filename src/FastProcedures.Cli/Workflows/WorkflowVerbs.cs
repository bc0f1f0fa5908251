using Spectre.Console.Cli;

namespace FastProcedures.Cli.Workflows;

/// <summary>Registers the verbs: workflows validate|list|export|docs|lock.</summary>
internal static class WorkflowVerbs
{
    public static void Register(IConfigurator config) =>
        config.AddBranch("workflows", workflows =>
        {
            workflows.SetDescription("Validate, list and export the procedure definitions in workflows/.");
            workflows.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check definitions (default: all of workflows/); print file:line:col errors, exit 1 if any.");
            workflows.AddCommand<ListCommand>("list")
                .WithDescription("List every definition version with its hash and timers.");
            workflows.AddCommand<ExportCommand>("export")
                .WithDescription("Export a definition as BPMN 2.0 XML or a Mermaid state diagram.")
                .WithExample("workflows", "export", "border-procedure", "--format", "bpmn", "--out", "border.bpmn");
            workflows.AddCommand<DocsCommand>("docs")
                .WithDescription("Generate the Markdown reference of every procedure and timer (docs/procedures.md).")
                .WithExample("workflows", "docs", "--out", "docs/procedures.md");
            workflows.AddCommand<LockCommand>("lock")
                .WithDescription("Record the hash of every new definition version in workflows/versions.lock.json.");
        });
}
