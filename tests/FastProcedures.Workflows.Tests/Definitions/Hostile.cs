using System.Text;
using System.Text.RegularExpressions;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>Loads hostile text with bounds on time and allocation, and checks that what comes back is diagnostics a
/// user can act on: <c>file:line:col: message</c>, never .NET's internal exception text.</summary>
public static partial class Hostile
{
    /// <summary>No hostile file may make one load allocate more than this (the real definitions take about 2 MB).</summary>
    public const long AllocationBound = 256L * 1024 * 1024;

    /// <summary>A hang guard, not a performance target: a load that needs this long is a loop or an explosion.</summary>
    public static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    private static readonly DefinitionLoader Loader = new();

    public static string ValidText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures", "valid-minimal.yaml"));

    /// <summary>Loads a definition from text under the bounds; returns the definition and its sorted diagnostics.</summary>
    public static (WorkflowDefinition? Definition, List<Diagnostic> Errors) Load(string text, string file = "hostile.yaml") =>
        Bounded(() =>
        {
            var errors = new List<Diagnostic>();
            var definition = Loader.Load(file, text, errors);
            errors.Sort();
            return (definition, errors);
        });

    /// <summary>Runs <paramref name="load"/> on its own thread and fails the test when it hangs or allocates past the bound.</summary>
    public static T Bounded<T>(Func<T> load)
    {
        long allocated = 0;
        var task = Task.Factory.StartNew(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = load();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            return result;
        }, TaskCreationOptions.LongRunning);
        Assert.True(task.Wait(TimeBound), $"the load did not return within {TimeBound.TotalSeconds} s");
        Assert.True(allocated < AllocationBound, $"the load allocated {allocated / 1024 / 1024} MB");
        return task.Result;
    }

    /// <summary>Every diagnostic names the file, a line and a column from 1, and a message free of .NET internals.</summary>
    public static void AssertUsable(IEnumerable<Diagnostic> errors, string file = "hostile.yaml")
    {
        foreach (var error in errors)
        {
            var text = error.ToString();
            Assert.Matches(UsableLine(), text);
            Assert.StartsWith(file + ":", text);
            Assert.True(error.Line >= 1 && error.Column >= 1, text);
            Assert.DoesNotMatch(Internal(), error.Message);
        }
    }

    /// <summary>The one error of a refused file.</summary>
    public static Diagnostic Single(string text)
    {
        var (definition, errors) = Load(text);
        Assert.Null(definition);
        AssertUsable(errors);
        return Assert.Single(errors);
    }

    /// <summary>All errors of a refused file, one per line.</summary>
    public static string Errors(string text)
    {
        var (definition, errors) = Load(text);
        Assert.Null(definition);
        AssertUsable(errors);
        Assert.NotEmpty(errors);
        return string.Join("\n", errors);
    }

    public static string Nested(int depth, string open, string close, string leaf = "x")
    {
        var text = new StringBuilder("a: ");
        for (var i = 0; i < depth; i++) text.Append(open);
        text.Append(leaf);
        for (var i = 0; i < depth; i++) text.Append(close);
        return text.Append('\n').ToString();
    }

    /// <summary>The classic "billion laughs": each level aliases the previous nine times.</summary>
    public static string Laughs(int levels)
    {
        var text = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < levels; i++)
        {
            var previous = $"*l{i - 1}";
            text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(previous, 9))}]\n");
        }
        return text.ToString();
    }

    [GeneratedRegex(@"^[^:\n]+:[0-9]+:[0-9]+: [^\n]+$")]
    private static partial Regex UsableLine();

    /// <summary>What leaks when an exception's text is shown: type names, "Object reference", stack frames.</summary>
    [GeneratedRegex(@"System\.|Exception|Object reference|Unable to cast|Nullable object|at [A-Z][A-Za-z]+\.|index was outside|Specified argument", RegexOptions.IgnoreCase)]
    private static partial Regex Internal();
}
