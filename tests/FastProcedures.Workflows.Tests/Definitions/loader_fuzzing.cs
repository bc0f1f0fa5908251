using System.Text;
using CsCheck;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Yaml;
using FastProcedures.Workflows.Files;
using FastProcedures.Workflows.Sources;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>
/// Fuzzing of every file the loader reads (definitions, calendars, routing rules, recognition rates, crisis periods):
/// the real files mutated, and generated anchors, aliases, depth and size. Whatever the text, a load returns within
/// the time and allocation bounds of <see cref="Hostile"/>, and either succeeds or reports file:line:col diagnostics
/// free of .NET exception text.
/// </summary>
public sealed class loader_fuzzing
{
    private static readonly string Workflows = Calendars.WorkflowsDirectory;

    /// <summary>Every real file, with the loader for its kind.</summary>
    private static readonly (string Kind, string Name, string Text)[] Files =
    [
        .. WorkflowsFolder.DefinitionFiles(Workflows).Select(f => ("definition", Path.GetFileName(f), File.ReadAllText(f))),
        .. Directory.GetFiles(Path.Combine(Workflows, "calendars"), "*.yaml").Order()
            .Select(f => ("calendar", Path.GetFileName(f), File.ReadAllText(f))),
        .. new[] { RoutingRules.FileName, RecognitionRates.FileName, CrisisPeriods.FileName }
            .Select(f => ("data", f, File.ReadAllText(Path.Combine(Workflows, "data", f)))),
    ];

    private static readonly DefinitionLoader Definitions = new();
    private static readonly Lazy<WorkflowRegistry> Registry = new(() => WorkflowsFolder.Load(Workflows));

    /// <summary>Fragments that break YAML, the schema or the model in the ways people and attackers do.</summary>
    private static readonly string[] Tokens =
    [
        "&a ", "*a", "&b [*a, *a, *a]", "*b", "[", "]", "{", "}", "---\n", "...\n", ": ", "- ", "\"", "'", "? ", "|\n", ">-\n",
        "!!binary ", "!!str ", "!custom ", "%YAML 1.1\n", "<<: *a\n", "99999999999999999999", "1e999", "-1", "0", "1.5", "3.0",
        "~", "null", "true", "P-1D", "P99999999Y", "PT0H", "P0D", "2026-02-30", "x", "\t", "é", "\u0000", "\uFFFE", "#", "@",
        "`", ",", "\n", "  ", "(", ")", "==", "outcome == ", "&&", "goto: ", "unit: nowhere", "id: ", "version: ",
        "[[[[[[[[", "]]]]]]]]", "{a: {a: {a: ", "}}}", "\\ud800", "\"\\ud800\"", "'''", new string('x', 2000),
    ];

    private sealed record Mutation(int Kind, double At, double Other, int Token);

    private static readonly Gen<Mutation> Mutations =
        Gen.Select(Gen.Int[0, 7], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, Tokens.Length - 1])
            .Select((kind, at, other, token) => new Mutation(kind, at, other, token));

    private static string Apply(string text, Mutation m)
    {
        var lines = text.Split('\n').ToList();
        int Line(double at) => Math.Min(lines.Count - 1, (int)(at * lines.Count));
        var position = Math.Min(text.Length, (int)(m.At * text.Length));
        var token = Tokens[m.Token];
        switch (m.Kind)
        {
            case 0: // insert a fragment
                return text.Insert(position, token);
            case 1: // delete a span
                return text.Remove(position, Math.Min(text.Length - position, (int)(m.Other * 60)));
            case 2: // duplicate a line (duplicate keys, repeated items)
                lines.Insert(Line(m.At), lines[Line(m.At)]);
                break;
            case 3: // delete a line
                lines.RemoveAt(Line(m.At));
                break;
            case 4: // swap two lines
                var (a, b) = (Line(m.At), Line(m.Other));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                break;
            case 5: // replace a value
                var i = Line(m.At);
                var colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                lines[i] = colon < 0 ? token : lines[i][..(colon + 2)] + token;
                break;
            case 6: // move a line left or right
                var j = Line(m.At);
                lines[j] = m.Other < 0.5 ? lines[j].TrimStart() : "  " + lines[j];
                break;
            default: // anchor a line's value and alias it elsewhere
                var k = Line(m.At);
                var c = lines[k].IndexOf(": ", StringComparison.Ordinal);
                if (c >= 0)
                {
                    lines[k] = lines[k][..(c + 2)] + "&z " + lines[k][(c + 2)..];
                    var l = Line(m.Other);
                    var d = lines[l].IndexOf(": ", StringComparison.Ordinal);
                    lines[l] = d < 0 ? lines[l] : lines[l][..(d + 2)] + "*z";
                }
                break;
        }
        return string.Join('\n', lines);
    }

    private static readonly Gen<(int File, string Text)> MutatedFiles =
        Gen.Select(Gen.Int[0, Files.Length - 1], Mutations.Array[1, 4])
            .Select((file, mutations) => (file, mutations.Aggregate(Files[file].Text, Apply)));

    /// <summary>Generated hostile structures: aliases multiplied, nesting deep, anchors cycling, text large; alone or put
    /// in place of a value of a real file.</summary>
    private static readonly Gen<string> Structures = Gen.OneOf(
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 12]).Select((levels, fanout) => Laughs(levels, fanout)),
        Gen.Select(Gen.Int[1, 300], Gen.Bool).Select((depth, flow) => flow
            ? new string('[', depth) + "x" + new string(']', depth)
            : string.Concat(Enumerable.Range(0, depth).Select(d => "\n" + new string(' ', 2 * d + 2) + "k:")) + " x"),
        Gen.Int[1, 20_000].Select(depth => new string('[', depth) + new string(']', depth)),
        Gen.OneOf(Gen.Const("&s [*s]"), Gen.Const("&m {a: *m}"), Gen.Const("&m\n  a: [b, *m]"), Gen.Const("*undefined")),
        Gen.Int[1, 300_000].Select(n => "&t " + new string('y', n) + "\nmore: [*t, *t, *t, *t, *t, *t, *t, *t]"));

    private static string Laughs(int levels, int fanout)
    {
        var text = new StringBuilder("\n  l0: &l0 [lol, lol]");
        for (var i = 1; i < levels; i++)
        {
            text.Append($"\n  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", fanout))}]");
        }
        return text.ToString();
    }

    private static readonly Gen<(int File, string Text)> PlantedStructures =
        Gen.Select(Gen.Int[0, Files.Length - 1], Gen.Double[0, 1], Structures).Select((file, at, structure) =>
        {
            var lines = Files[file].Text.Split('\n');
            var candidates = lines.Select((l, i) => (l, i)).Where(p => p.l.TrimEnd().EndsWith(':') || p.l.Contains(": ")).ToList();
            var (line, index) = candidates[Math.Min(candidates.Count - 1, (int)(at * candidates.Count))];
            var colon = line.IndexOf(':');
            lines[index] = line[..(colon + 1)] + " " + structure.Replace("\n", "\n" + new string(' ', colon));
            return (file, string.Join('\n', lines));
        });

    [Fact]
    public void a_mutated_real_file_loads_or_gets_usable_diagnostics() =>
        MutatedFiles.Sample(sample => LoadsOrExplains(sample.File, sample.Text), iter: 400,
            print: sample => $"{Files[sample.File].Name}:\n{sample.Text}");

    [Fact]
    public void hostile_anchors_aliases_depth_and_size_are_refused_within_bounds() =>
        PlantedStructures.Sample(sample => LoadsOrExplains(sample.File, sample.Text), iter: 150,
            print: sample => $"{Files[sample.File].Name}:\n{(sample.Text.Length > 4000 ? sample.Text[..4000] + "…" : sample.Text)}");

    [Fact]
    public void a_whole_folder_with_one_mutated_file_loads_or_is_refused_with_usable_diagnostics()
    {
        using var copy = new BadInput.WorkflowsCopy();
        MutatedFiles.Sample(sample =>
        {
            var (kind, name, original) = Files[sample.File];
            var file = Path.Combine(copy.Directory, kind switch { "calendar" => "calendars", "data" => "data", _ => "" }, name);
            File.WriteAllText(file, sample.Text);
            try
            {
                var errors = Hostile.Bounded(() =>
                {
                    try
                    {
                        WorkflowsFolder.Load(copy.Directory);
                        return new List<Diagnostic>();
                    }
                    catch (DefinitionException e)
                    {
                        return e.Diagnostics.ToList();
                    }
                });
                foreach (var error in errors)
                {
                    Hostile.AssertUsable([error], error.File);
                }
            }
            finally
            {
                File.WriteAllText(file, original);
            }
        }, iter: 60, threads: 1, print: sample => $"{Files[sample.File].Name}:\n{sample.Text}");
    }

    [Fact]
    public void the_real_files_load_unchanged()
    {
        for (var i = 0; i < Files.Length; i++)
        {
            Assert.Empty(Load(i, Files[i].Text));
        }
    }

    private static void LoadsOrExplains(int file, string text)
    {
        var errors = Hostile.Bounded(() => Load(file, text));
        Hostile.AssertUsable(errors, Files[file].Name);
    }

    /// <summary>Loads one file as its kind; returns its diagnostics (empty when it loaded).</summary>
    private static List<Diagnostic> Load(int file, string text)
    {
        var (kind, name, _) = Files[file];
        var errors = new List<Diagnostic>();
        switch (kind)
        {
            case "definition":
                var definition = Definitions.Load(name, text, errors);
                Assert.True(definition is null == errors.Count > 0, "a definition is returned exactly when there is no error");
                break;
            case "calendar":
                var calendar = CalendarLoader.Load(name, text, errors);
                Assert.True(calendar is null == errors.Count > 0, "a calendar is returned exactly when there is no error");
                break;
            default:
                LoadData(name, text, errors);
                break;
        }
        return errors;
    }

    /// <summary>Data files are parsed from their text as the other kinds are: no folder needed.</summary>
    private static void LoadData(string name, string text, List<Diagnostic> errors)
    {
        var file = new DefinitionSource("data/" + name, text);
        var registry = Registry.Value;
        object? loaded = name switch
        {
            RoutingRules.FileName => RoutingRules.Load(file, registry.All.Select(d => d.Id).ToHashSet(), errors),
            RecognitionRates.FileName => RecognitionRates.Load(file, errors),
            _ => CrisisPeriods.Load(file, registry.All.ToList(), errors),
        };
        Assert.True(loaded is null == errors.Count > 0, "data is returned exactly when there is no error");
        // Diagnostics name the file as the source names it.
        for (var i = 0; i < errors.Count; i++)
        {
            Assert.Equal(file.FileName, errors[i].File);
            errors[i] = errors[i] with { File = name };
        }
    }
}
