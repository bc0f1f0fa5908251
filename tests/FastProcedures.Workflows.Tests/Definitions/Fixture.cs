using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>Fixture definitions next to the tests, loaded with the repository's schema.</summary>
public static class Fixture
{
    private static readonly DefinitionLoader Loader = new();

    /// <summary>Loads a fixture; errors name it as <c>Fixtures/NAME.yaml</c> so snapshots do not depend on paths.</summary>
    public static (WorkflowDefinition? Definition, IReadOnlyList<Diagnostic> Errors) Load(string name)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures", name));
        var errors = new List<Diagnostic>();
        var definition = Loader.Load($"Fixtures/{name}", text, errors);
        errors.Sort();
        return (definition, errors);
    }

    public static WorkflowDefinition Valid(string name = "valid-minimal.yaml")
    {
        var (definition, errors) = Load(name);
        Assert.Empty(errors);
        return definition!;
    }
}
