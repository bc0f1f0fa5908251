using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Files;

/// <summary>
/// The <c>workflows/</c> folder on disk: finding it, reading it into <see cref="WorkflowSources"/> for the engine,
/// checking files as <c>fastproc workflows validate</c> does and writing the lock file. The engine itself reads no
/// file and no environment variable.
/// </summary>
public static class WorkflowsFolder
{
    public const string Variable = "FASTPROC_WORKFLOWS";

    /// <summary>The folder named by <c>FASTPROC_WORKFLOWS</c> when set, else <c>workflows/</c> in the current directory
    /// or the nearest parent that has one, else next to the program.</summary>
    public static string? Find(string? startDirectory = null)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        foreach (var start in new[] { startDirectory ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (IsWorkflowsFolder(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    public static string Require(string? startDirectory = null) => Find(startDirectory)
        ?? throw new DirectoryNotFoundException(
            $"No workflows/ folder found here or in a parent folder; set {Variable} to it.");

    /// <summary>A folder holding <c>schema/</c> is a workflows folder (its schemas serve editors; the engine has its own).</summary>
    public static bool IsWorkflowsFolder(string directory) => Directory.Exists(Path.Combine(directory, "schema"));

    /// <summary>The registry of a workflows folder; throws <see cref="DefinitionException"/> with every error.</summary>
    public static WorkflowRegistry Load(string directory) => WorkflowRegistry.Load(Read(directory));

    /// <summary>The registry of the folder found from the working directory (<see cref="Require"/>).</summary>
    public static WorkflowRegistry Load() => Load(Require());

    /// <summary>The country calendars in force, by country.</summary>
    public static IReadOnlyDictionary<string, CountryCalendar> Calendars(string directory)
    {
        var unreadable = new List<Diagnostic>();
        var calendars = Path.Combine(directory, "calendars");
        var sources = new WorkflowSources(directory)
        {
            Calendars = ReadAll(Yaml(calendars, SearchOption.TopDirectoryOnly), unreadable),
            CalendarVersions = ReadAll(Yaml(Path.Combine(calendars, "versions"), SearchOption.AllDirectories), unreadable),
        };
        return unreadable.Count > 0 ? throw new DefinitionException(unreadable) : CalendarLoader.LoadVersions(sources).Current;
    }

    /// <summary>Reads every file the engine needs from a workflows folder; a file that cannot be read is a diagnostic.</summary>
    public static WorkflowSources Read(string directory)
    {
        var unreadable = new List<Diagnostic>();
        var calendars = Path.Combine(directory, "calendars");
        var data = Path.Combine(directory, "data");
        var lockFile = Path.Combine(directory, WorkflowSources.LockFileName);
        return new WorkflowSources(directory)
        {
            Definitions = ReadAll(DefinitionFiles(directory), unreadable),
            Calendars = ReadAll(Yaml(calendars, SearchOption.TopDirectoryOnly), unreadable),
            CalendarVersions = ReadAll(Yaml(Path.Combine(calendars, "versions"), SearchOption.AllDirectories), unreadable),
            Data = Directory.Exists(data) ? ReadAll(Yaml(data, SearchOption.TopDirectoryOnly), unreadable) : null,
            Lock = File.Exists(lockFile) ? ReadFile(lockFile, unreadable) : null,
            Unreadable = unreadable,
        };
    }

    /// <summary>The definition files: <c>*.yaml</c> and <c>versions/&lt;id&gt;/v*.yaml</c>, in name order.</summary>
    public static IEnumerable<string> DefinitionFiles(string directory) =>
        Directory.GetFiles(directory, "*.yaml").Concat(Yaml(Path.Combine(directory, "versions"), SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);

    /// <summary>Records the hash of every (id, version) not yet in the registry's lock file; returns how many were added.</summary>
    public static int WriteLock(WorkflowRegistry registry)
    {
        var (text, added) = registry.Lock();
        File.WriteAllText(Path.Combine(registry.Directory, WorkflowSources.LockFileName), text);
        return added;
    }

    /// <summary>
    /// Checks files and folders as <c>fastproc workflows validate PATH...</c> does; returns every error, sorted. A
    /// workflows folder (one holding <c>schema/</c>) is checked whole (definitions, calendars, data, lock); any other
    /// folder file by file. A file is a calendar under <c>calendars/</c>, a data file under <c>data/</c>, else a
    /// definition; single files are cross-checked against the definitions and lock of <paramref name="workflowsDirectory"/>.
    /// </summary>
    public static List<Diagnostic> Validate(string workflowsDirectory, IEnumerable<string> paths)
    {
        var errors = new List<Diagnostic>();
        var check = new Lazy<WorkflowRegistry.FileCheck>(() => new WorkflowRegistry.FileCheck(Read(workflowsDirectory)));
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                if (IsWorkflowsFolder(path))
                {
                    errors.AddRange(WorkflowRegistry.Check(Read(path)));
                    continue;
                }
                var files = Directory.GetFiles(path, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    errors.Add(new Diagnostic(path, 1, 1, "the folder holds no .yaml file"));
                }
                foreach (var file in files)
                {
                    ValidateFile(file);
                }
                continue;
            }
            ValidateFile(path);
        }
        errors.Sort();
        return errors.Distinct().ToList();

        void ValidateFile(string file)
        {
            if (ReadFile(file, errors) is not { } source)
            {
                return;
            }
            var full = Path.GetFullPath(file);
            var kind = Path.GetFileName(Path.GetDirectoryName(full));
            // calendars/*.yaml and their old versions, calendars/versions/<country>/v<n>.yaml.
            if (kind == "calendars" || full.Contains("/calendars/versions/", StringComparison.Ordinal))
            {
                check.Value.Calendar(source, errors);
            }
            else if (kind == "data")
            {
                check.Value.Data(source, Path.GetFileName(file), errors);
            }
            else
            {
                check.Value.Definition(source, errors);
            }
        }
    }

    /// <summary>Reads one file; a missing, unreadable or oversized file is one diagnostic and null.</summary>
    public static DefinitionSource? ReadFile(string file, List<Diagnostic> errors)
    {
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                errors.Add(new Diagnostic(file, 1, 1, Directory.Exists(file) ? "is a folder, not a file" : "no such file"));
                return null;
            }
            if (info.Length > YamlSource.MaxFileBytes)
            {
                errors.Add(new Diagnostic(file, 1, 1, $"the file has {info.Length} bytes; more than {YamlSource.MaxFileBytes} is refused"));
                return null;
            }
            return new DefinitionSource(file, File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new Diagnostic(file, 1, 1, $"cannot be read: {e.Message.Replace("\r", " ").Replace("\n", " ").Trim()}"));
            return null;
        }
    }

    private static IEnumerable<string> Yaml(string directory, SearchOption search) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.yaml", search) : [];

    private static List<DefinitionSource> ReadAll(IEnumerable<string> files, List<Diagnostic> unreadable) =>
        files.Order(StringComparer.Ordinal).Select(f => ReadFile(f, unreadable)).OfType<DefinitionSource>().ToList();
}
