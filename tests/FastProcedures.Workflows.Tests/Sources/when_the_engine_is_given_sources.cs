using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Tests.Sources;

/// <summary>The engine parses text it is given: a whole catalogue builds from strings with made-up file names, every
/// diagnostic names those, and the engine assembly calls no file, folder or environment API.</summary>
public sealed class when_the_engine_is_given_sources
{
    private static readonly string Folder = Calendars.WorkflowsDirectory;

    /// <summary>The repository's workflows folder as strings, each under a name that exists on no disk.</summary>
    private static WorkflowSources InMemory(Func<string, string, string>? edit = null)
    {
        List<DefinitionSource> Sources(IEnumerable<string> files) => files.Order(StringComparer.Ordinal).Select(f =>
        {
            var name = "memory:" + Path.GetRelativePath(Folder, f);
            var text = File.ReadAllText(f);
            return new DefinitionSource(name, edit?.Invoke(name, text) ?? text);
        }).ToList();
        return new WorkflowSources("memory:")
        {
            Definitions = Sources(WorkflowsFolder.DefinitionFiles(Folder)),
            Calendars = Sources(Directory.GetFiles(Path.Combine(Folder, "calendars"), "*.yaml")),
            CalendarVersions = Sources(Directory.GetFiles(Path.Combine(Folder, "calendars", "versions"), "*.yaml", SearchOption.AllDirectories)),
            Data = Sources(Directory.GetFiles(Path.Combine(Folder, "data"), "*.yaml")),
            Lock = Sources([Path.Combine(Folder, WorkflowRegistry.LockFileName)]).Single(),
        };
    }

    [Fact]
    public void the_whole_catalogue_builds_from_strings_as_from_the_folder()
    {
        var fromStrings = WorkflowRegistry.Load(InMemory());
        var fromFolder = WorkflowsFolder.Load(Folder);

        Assert.Equal(fromFolder.All.Select(d => (d.Id, d.Version, d.Hash)), fromStrings.All.Select(d => (d.Id, d.Version, d.Hash)));
        Assert.All(fromStrings.All, d => Assert.StartsWith("memory:", d.SourceFile));
        Assert.Equal(fromFolder.CalendarVersions.Keys.Order(), fromStrings.CalendarVersions.Keys.Order());
        Assert.Equal(fromFolder.Data!.Routing.Rules.Select(r => r.Id), fromStrings.Data!.Routing.Rules.Select(r => r.Id));
        Assert.Equal("memory:data/routing-rules.yaml", fromStrings.Data.Routing.SourceFile);
        Assert.Equal(fromFolder.Data.RemovalCapacity.All.Count, fromStrings.Data.RemovalCapacity.All.Count);
    }

    [Fact]
    public void an_error_in_a_source_is_reported_at_its_name_line_and_column()
    {
        var sources = InMemory((name, text) => name == "memory:border-procedure.yaml"
            ? text.Replace("\nversion: ", "\nversion: x", StringComparison.Ordinal)
            : text);

        var failure = Assert.Throws<DefinitionException>(() => WorkflowRegistry.Load(sources));

        var error = Assert.Single(failure.Diagnostics, d => d.File == "memory:border-procedure.yaml");
        var line = 1 + sources.Definitions.Single(d => d.FileName == error.File).Text.Split('\n')
            .TakeWhile(l => !l.StartsWith("version: ", StringComparison.Ordinal)).Count();
        Assert.Equal((line, 10), (error.Line, error.Column));
        Assert.StartsWith($"memory:border-procedure.yaml:{line}:10: ", error.ToString());
    }

    [Fact]
    public void a_missing_data_file_is_named_inside_the_folder_the_sources_name()
    {
        var sources = InMemory() is var all ? all with { Data = all.Data!.Where(d => !d.FileName.EndsWith("recognition-rates.yaml")).ToList() } : null!;

        var failure = Assert.Throws<DefinitionException>(() => WorkflowRegistry.Load(sources));

        Assert.Equal("memory:/data/recognition-rates.yaml:1:1: no such file", Assert.Single(failure.Diagnostics).ToString());
    }

    [Fact]
    public void the_lock_is_returned_as_text_for_the_caller_to_write()
    {
        var unlocked = WorkflowRegistry.Load(InMemory() with { Lock = null });

        var (text, added) = unlocked.Lock();

        Assert.Equal(unlocked.All.Count(), added);
        var locked = JsonNode.Parse(text)!.AsObject();
        Assert.All(unlocked.All, d => Assert.Equal(d.Hash, (string?)locked[d.Id]![d.Version.ToString()]));
        // A folder whose lock holds every version gets its own lock back unchanged.
        var relocked = WorkflowRegistry.Load(InMemory() with { Lock = new DefinitionSource("memory:lock", text) }).Lock();
        Assert.Equal((text, 0), relocked);
    }

    /// <summary>Types of System.IO the engine may name: in-memory readers and writers, and Path's string functions.</summary>
    private static readonly HashSet<string> AllowedIo = ["StringReader", "StringWriter", "TextReader", "TextWriter", "Stream", "Path"];

    private static readonly HashSet<string> AllowedPathMembers = ["Combine", "GetFileName"];

    /// <summary>What compiled code may ask of the process: the newline, the thread id (iterators) and the regex default
    /// timeout (generated regexes read it with AppContext.GetData); never a variable, a folder or the command line.</summary>
    private static readonly HashSet<string> AllowedProcessMembers =
        ["Environment.get_NewLine", "Environment.get_CurrentManagedThreadId", "AppContext.GetData"];

    [Fact]
    public void the_engine_assembly_calls_no_file_folder_or_environment_api()
    {
        using var stream = File.OpenRead(typeof(WorkflowRegistry).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var found = new List<string>();

        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            var (ns, name) = (metadata.GetString(type.Namespace), metadata.GetString(type.Name));
            if (ns == "System.IO" && !AllowedIo.Contains(name))
            {
                found.Add($"{ns}.{name}");
            }
        }
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }
            var parent = metadata.GetTypeReference((TypeReferenceHandle)member.Parent);
            var (ns, type, name) = (metadata.GetString(parent.Namespace), metadata.GetString(parent.Name), metadata.GetString(member.Name));
            if (ns == "System" && type is "Environment" or "AppContext" && !AllowedProcessMembers.Contains($"{type}.{name}")
                || (ns, type) == ("System.IO", "Path") && !AllowedPathMembers.Contains(name))
            {
                found.Add($"{ns}.{type}.{name}");
            }
        }

        Assert.Empty(found);
        // The check sees what the engine does use, so it would see a forbidden call.
        Assert.Contains(metadata.TypeReferences, h => metadata.GetString(metadata.GetTypeReference(h).Name) == "StringReader");
    }
}
