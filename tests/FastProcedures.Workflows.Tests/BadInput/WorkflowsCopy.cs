using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Yaml;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Workflows.Tests.BadInput;

/// <summary>A throwaway copy of the repository's workflows folder in which one file is broken on purpose.</summary>
public sealed class WorkflowsCopy : IDisposable
{
    public WorkflowsCopy()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fastproc-badinput-").FullName;
        foreach (var file in System.IO.Directory.GetFiles(Calendars.WorkflowsDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(Calendars.WorkflowsDirectory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    /// <summary>Replaces <paramref name="find"/> (which must occur) in a file of the copy, validates that file as
    /// `fastproc workflows validate` does, and returns its one error as <c>+line:col: message</c>, the line counted from
    /// the first line of the change. Also checks that the whole folder is refused with the same error and that nothing
    /// in the copy was written but the broken file.</summary>
    public string TheOneError(string relativeFile, string find, string replace)
    {
        var file = Path.Combine(Directory, relativeFile);
        var text = File.ReadAllText(file);
        Assert.Contains(find, text);
        File.WriteAllText(file, text.Replace(find, replace));
        var before = Snapshot();

        var errors = WorkflowsFolder.Validate(Directory, [file]);
        var whole = Assert.Throws<DefinitionException>(() => WorkflowsFolder.Load(Directory));

        Assert.True(errors.Count == 1, string.Join("\n", errors));
        var error = errors[0];
        Assert.Equal(file, error.File);
        Assert.Contains(error, whole.Diagnostics);
        Assert.Equal(before, Snapshot());
        Definitions.Hostile.AssertUsable(errors, file);
        // Lines count from where the change begins ("+0" is its first line), so edits elsewhere in the real files do not
        // move the expectations; an error above the change keeps its absolute line.
        var changed = 1 + text[..text.IndexOf(find, StringComparison.Ordinal)].Count(c => c == '\n');
        var line = error.Line >= changed ? $"+{error.Line - changed}" : error.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{line}:{error.Column}: {error.Message}";
    }

    private string Snapshot() => string.Join("\n", System.IO.Directory.GetFiles(Directory, "*", SearchOption.AllDirectories).Order()
        .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));
}
