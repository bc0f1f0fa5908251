namespace FastProcedures.Workflows;

/// <summary>Finds the <c>workflows/</c> folder: <c>FASTPROC_WORKFLOWS</c> when set, else <c>workflows/</c> in the
/// current directory or the nearest parent that has one, else next to the program.</summary>
public static class WorkflowsFolder
{
    public static string? Find(string? startDirectory = null)
    {
        if (Environment.GetEnvironmentVariable("FASTPROC_WORKFLOWS") is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        foreach (var start in new[] { startDirectory ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (Directory.Exists(Path.Combine(candidate, "schema")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static string Require(string? startDirectory = null) => Find(startDirectory)
        ?? throw new DirectoryNotFoundException(
            "No workflows/ folder found here or in a parent folder; set FASTPROC_WORKFLOWS to it.");
}
