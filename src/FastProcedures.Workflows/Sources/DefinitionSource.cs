using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Sources;

/// <summary>The text of one definition, calendar or data file and the name its diagnostics give
/// (<c>file:line:col</c>). The engine parses sources; whoever holds the files reads them.</summary>
public sealed record DefinitionSource(string FileName, string Text);

/// <summary>
/// Everything a <c>workflows/</c> folder holds for the engine, as text: the definitions (<c>*.yaml</c> and
/// <c>versions/&lt;id&gt;/v*.yaml</c>), the country calendars (<c>calendars/*.yaml</c> and
/// <c>calendars/versions/</c>), the data files (<c>data/*.yaml</c>) and the lock (<c>versions.lock.json</c>).
/// <see cref="Folder"/> only names the folder in diagnostics about a file it lacks.
/// </summary>
public sealed record WorkflowSources(string Folder)
{
    public const string LockFileName = "versions.lock.json";

    /// <summary>Current definitions and kept old versions, in the order their errors are reported.</summary>
    public IReadOnlyList<DefinitionSource> Definitions { get; init; } = [];

    /// <summary>The calendar in force per country.</summary>
    public IReadOnlyList<DefinitionSource> Calendars { get; init; } = [];

    /// <summary>Older calendar versions a case may have recorded.</summary>
    public IReadOnlyList<DefinitionSource> CalendarVersions { get; init; } = [];

    /// <summary>The files of <c>data/</c>; null when the folder has no <c>data/</c>.</summary>
    public IReadOnlyList<DefinitionSource>? Data { get; init; }

    /// <summary>The released (id, version) hashes; null when no definition has been released yet.</summary>
    public DefinitionSource? Lock { get; init; }

    /// <summary>Files that could not be read (missing, too large, unreadable), reported with the rest.</summary>
    public IReadOnlyList<Diagnostic> Unreadable { get; init; } = [];

    /// <summary>The data file of that name, when <c>data/</c> has it.</summary>
    public DefinitionSource? DataFile(string name) =>
        Data?.FirstOrDefault(s => string.Equals(FileNameOf(s.FileName), name, StringComparison.Ordinal));

    /// <summary>Where a file of this folder stands, for a diagnostic naming a file it lacks.</summary>
    public string PathOf(params string[] parts) => System.IO.Path.Combine([Folder, .. parts]);

    private static string FileNameOf(string path) => System.IO.Path.GetFileName(path);
}
