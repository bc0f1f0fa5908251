using FastProcedures.Workflows.Files;

namespace FastProcedures.IntegrationTests.Infrastructure;

/// <summary>The repository's <c>workflows/</c> folder copied into another folder, for tests that add or change
/// definitions without touching the real ones.</summary>
public static class WorkflowsCopy
{
    public static void To(string to)
    {
        var from = WorkflowsFolder.Require();
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), true);
        }
    }
}
