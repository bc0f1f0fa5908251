using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Procedures.Tests;

/// <summary>The repository's real workflows/ folder (found by walking up from the test's base directory), loaded once.</summary>
public static class Repository
{
    public static readonly string WorkflowsDirectory = WorkflowsFolder.Require(AppContext.BaseDirectory);

    private static readonly Lazy<WorkflowRegistry> Loaded = new(() => WorkflowsFolder.Load(WorkflowsDirectory));

    public static WorkflowRegistry Registry => Loaded.Value;

    public static WorkflowDefinition Definition(string id) => Registry.Latest(id);
}
