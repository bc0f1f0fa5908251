using System.Text.Json;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Definitions;

/// <summary>
/// Every definition version found in a <c>workflows/</c> folder (<c>*.yaml</c> and <c>versions/&lt;id&gt;/v*.yaml</c>)
/// and the country calendars. Loading fails fast with every error at once: an invalid definition stops start-up.
/// <c>versions.lock.json</c> records the hash of each released (id, version); a changed file with an unchanged
/// version is refused, so a case pinned to (id, version, hash) always finds the definition it started under.
/// </summary>
public sealed class WorkflowRegistry
{
    public const string LockFileName = "versions.lock.json";

    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions;

    private WorkflowRegistry(string directory, Dictionary<(string, int), WorkflowDefinition> definitions,
        IReadOnlyDictionary<string, CountryCalendar> calendars, WorkflowData? data)
    {
        Directory = directory;
        _definitions = definitions;
        Calendars = calendars;
        Data = data;
    }

    public string Directory { get; }
    public IReadOnlyDictionary<string, CountryCalendar> Calendars { get; }

    /// <summary>The routing and crisis data of <c>workflows/data/</c>; null when the folder has no <c>data/</c>.</summary>
    public WorkflowData? Data { get; }

    public IEnumerable<WorkflowDefinition> All =>
        _definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version);

    public static WorkflowRegistry Load(string workflowsDirectory)
    {
        var errors = new List<Diagnostic>();
        var loader = DefinitionLoader.FromWorkflowsDirectory(workflowsDirectory);
        var definitions = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var file in DefinitionFiles(workflowsDirectory))
        {
            if (loader.Load(file, errors) is not { } definition)
            {
                continue;
            }
            if (definitions.TryGetValue((definition.Id, definition.Version), out var other))
            {
                errors.Add(new Diagnostic(file, 1, 1,
                    $"{definition.Id} version {definition.Version} is also defined in {other.SourceFile}"));
                continue;
            }
            definitions[(definition.Id, definition.Version)] = definition;
        }

        IReadOnlyDictionary<string, CountryCalendar> calendars = new Dictionary<string, CountryCalendar>();
        IReadOnlyDictionary<(string, int), CountryCalendar> calendarVersions = new Dictionary<(string, int), CountryCalendar>();
        try
        {
            (calendars, calendarVersions) = CalendarLoader.LoadVersions(workflowsDirectory);
        }
        catch (DefinitionException e)
        {
            errors.AddRange(e.Diagnostics);
        }
        CheckLock(workflowsDirectory, definitions.Values, errors);
        CheckCountryParameters(workflowsDirectory, definitions.Values, calendars, errors);
        var data = WorkflowData.Load(workflowsDirectory, definitions.Values.ToList(), errors);

        if (errors.Count > 0)
        {
            errors.Sort();
            throw new DefinitionException(errors.Distinct().ToList());
        }
        return new WorkflowRegistry(workflowsDirectory, definitions, calendars, data) { CalendarVersions = calendarVersions };
    }

    /// <summary>
    /// Checks files and folders as <c>fastproc workflows validate PATH...</c> does; returns every error, sorted. A folder
    /// holding <c>schema/</c> is a workflows folder, checked whole (definitions, calendars, data, lock); any other
    /// folder is checked file by file. A file is a calendar under <c>calendars/</c>, a data file under <c>data/</c>,
    /// else a definition; data files are cross-checked against the definitions of <paramref name="workflowsDirectory"/>.
    /// </summary>
    public static List<Diagnostic> Validate(string workflowsDirectory, IEnumerable<string> paths)
    {
        var errors = new List<Diagnostic>();
        var loader = new Lazy<DefinitionLoader>(() => DefinitionLoader.FromWorkflowsDirectory(workflowsDirectory));
        var calendarSchema = new Lazy<SchemaValidator>(() =>
            SchemaValidator.FromFile(Path.Combine(workflowsDirectory, "schema", "calendar.schema.json")));
        var folderDefinitions = new Lazy<IReadOnlyCollection<WorkflowDefinition>>(() =>
        {
            var found = new List<WorkflowDefinition>();
            var ignored = new List<Diagnostic>();
            foreach (var file in DefinitionFiles(workflowsDirectory))
            {
                if (loader.Value.Load(file, ignored) is { } definition)
                {
                    found.Add(definition);
                }
            }
            return found;
        });
        foreach (var path in paths)
        {
            if (System.IO.Directory.Exists(path))
            {
                if (System.IO.Directory.Exists(Path.Combine(path, "schema")))
                {
                    try
                    {
                        Load(path);
                    }
                    catch (DefinitionException e)
                    {
                        errors.AddRange(e.Diagnostics);
                    }
                    continue;
                }
                var files = System.IO.Directory.GetFiles(path, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
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
            var full = Path.GetFullPath(file);
            var kind = Path.GetFileName(Path.GetDirectoryName(full));
            // calendars/*.yaml and their old versions, calendars/versions/<country>/v<n>.yaml.
            if (kind == "calendars" || full.Contains("/calendars/versions/", StringComparison.Ordinal))
            {
                if (YamlSource.ReadFile(file, errors) is { } text
                    && CalendarLoader.Load(file, text, calendarSchema.Value, errors) is { } calendar)
                {
                    CheckCountryParameters(workflowsDirectory, folderDefinitions.Value,
                        new Dictionary<string, CountryCalendar> { [calendar.Country] = calendar }, errors);
                }
                return;
            }
            if (kind == "data")
            {
                var name = Path.GetFileName(file);
                var schema = Path.Combine(workflowsDirectory, "schema", Path.ChangeExtension(name, ".schema.json"));
                if (name == CrisisPeriods.FileName)
                {
                    CrisisPeriods.Load(file, schema, folderDefinitions.Value, errors);
                }
                else if (name == RoutingRules.FileName)
                {
                    RoutingRules.Load(file, schema, folderDefinitions.Value.Select(d => d.Id).ToHashSet(StringComparer.Ordinal), errors);
                }
                else if (name == RecognitionRates.FileName)
                {
                    RecognitionRates.Load(file, schema, errors);
                }
                else if (name == Removal.RemovalCapacity.FileName)
                {
                    Removal.RemovalCapacity.Load(file, schema, errors);
                }
                else
                {
                    errors.Add(new Diagnostic(file, 1, 1,
                        $"not a known data file ({RoutingRules.FileName}, {RecognitionRates.FileName}, {CrisisPeriods.FileName}, {Removal.RemovalCapacity.FileName})"));
                }
                return;
            }
            if (loader.Value.Load(file, errors) is { } definition)
            {
                CheckLock(workflowsDirectory, [definition], errors);
            }
        }
    }

    public static IEnumerable<string> DefinitionFiles(string workflowsDirectory)
    {
        var current = System.IO.Directory.GetFiles(workflowsDirectory, "*.yaml");
        var versions = Path.Combine(workflowsDirectory, "versions");
        var old = System.IO.Directory.Exists(versions)
            ? System.IO.Directory.GetFiles(versions, "*.yaml", SearchOption.AllDirectories)
            : [];
        return current.Concat(old).Order(StringComparer.Ordinal);
    }

    public WorkflowDefinition Get(string id, int version) =>
        _definitions.TryGetValue((id, version), out var definition)
            ? definition
            : throw new KeyNotFoundException($"No definition {id} version {version}.");

    public bool TryGet(string id, int version, out WorkflowDefinition definition) =>
        _definitions.TryGetValue((id, version), out definition!);

    /// <summary>The newest version of a procedure.</summary>
    public WorkflowDefinition Latest(string id) =>
        _definitions.Values.Where(d => d.Id == id).MaxBy(d => d.Version)
        ?? throw new KeyNotFoundException($"No definition '{id}'.");

    /// <summary>The version in force on a date: the newest whose <c>applies-from</c> is on or before it.</summary>
    public WorkflowDefinition InForceOn(string id, DateOnly date) =>
        _definitions.Values
            .Where(d => d.Id == id && (d.AppliesFrom is null || d.AppliesFrom <= date))
            .MaxBy(d => d.Version)
        ?? throw new KeyNotFoundException($"No version of '{id}' is in force on {date:yyyy-MM-dd}.");

    /// <summary>Every calendar version kept (current and <c>calendars/versions/</c>), by (country, version).</summary>
    public IReadOnlyDictionary<(string Country, int Version), CountryCalendar> CalendarVersions { get; private init; } =
        new Dictionary<(string, int), CountryCalendar>();

    /// <summary>The calendar version a case recorded; the one in force when that version is not kept.</summary>
    public CountryCalendar Calendar(string country, int version) =>
        CalendarVersions.TryGetValue((country.ToUpperInvariant(), version), out var calendar) ? calendar : Calendar(country);

    public CountryCalendar Calendar(string country) =>
        Calendars.TryGetValue(country, out var calendar)
            ? calendar
            : throw new KeyNotFoundException($"No calendar for country '{country}'.");

    /// <summary>Records the hash of every (id, version) not yet in the lock file; returns how many were added.</summary>
    public int WriteLock()
    {
        var path = Path.Combine(Directory, LockFileName);
        var locked = ReadLock(path);
        var added = 0;
        foreach (var definition in All)
        {
            var versions = locked[definition.Id] as JsonObject ?? new JsonObject();
            locked[definition.Id] = versions;
            if (versions[definition.Version.ToString()] is null)
            {
                versions[definition.Version.ToString()] = definition.Hash;
                added++;
            }
        }
        var sorted = new JsonObject(locked.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        File.WriteAllText(path, sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return added;
    }

    private static JsonObject ReadLock(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject() : new JsonObject();

    private static void CheckLock(string directory, IEnumerable<WorkflowDefinition> definitions, List<Diagnostic> errors)
    {
        var path = Path.Combine(directory, LockFileName);
        JsonObject locked;
        try
        {
            locked = ReadLock(path);
        }
        catch (JsonException e)
        {
            errors.Add(new Diagnostic(path, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Message));
            return;
        }
        foreach (var definition in definitions)
        {
            if (locked[definition.Id]?[definition.Version.ToString()] is JsonValue hash
                && (string?)hash != definition.Hash)
            {
                errors.Add(new Diagnostic(definition.SourceFile, 1, 1,
                    $"{definition.Id} version {definition.Version} changed (sha256 {definition.Hash[..12]}…, released as " +
                    $"{((string?)hash)?[..Math.Min(12, ((string?)hash)!.Length)]}…): give the change a new version and keep " +
                    $"version {definition.Version} in versions/{definition.Id}/v{definition.Version}.yaml"));
            }
        }
    }

    /// <summary>A country's value for a definition parameter must lie within the legal range the definition gives.</summary>
    private static void CheckCountryParameters(
        string directory, IEnumerable<WorkflowDefinition> definitions, IReadOnlyDictionary<string, CountryCalendar> calendars,
        List<Diagnostic> errors)
    {
        foreach (var parameter in definitions.SelectMany(d => d.Parameters).DistinctBy(p => (p.Id, p.Min, p.Max)))
        {
            foreach (var calendar in calendars.Values)
            {
                if (!calendar.Parameters.TryGetValue(parameter.Id, out var text))
                {
                    continue;
                }
                if (!LegalPeriod.TryParse(text, false, out var value, out _)
                    || value.ComparableLength < parameter.Min.ComparableLength
                    || value.ComparableLength > parameter.Max.ComparableLength)
                {
                    var at = calendar.ParameterSources.TryGetValue(parameter.Id, out var source)
                        ? source
                        : new Diagnostic(Path.Combine(directory, "calendars", calendar.Country.ToLowerInvariant() + ".yaml"), 1, 1, "");
                    errors.Add(at with
                    {
                        Message = $"{calendar.Country} sets {parameter.Id} to {text}, outside the legal range {parameter.Min}..{parameter.Max} ({parameter.LegalBasis})",
                    });
                }
            }
        }
    }
}

/// <summary>The data files beside the definitions: routing rules, recognition rates and crisis periods, each validated
/// against its schema in <c>workflows/schema/</c> and cross-checked against the definitions; the removal units'
/// escort capacity when the folder has it.</summary>
public sealed record WorkflowData(RoutingRules Routing, RecognitionRates RecognitionRates, CrisisPeriods CrisisPeriods)
{
    public Removal.RemovalCapacity RemovalCapacity { get; init; } = Removal.RemovalCapacity.None;

    public static WorkflowData? Load(string workflowsDirectory, IReadOnlyCollection<WorkflowDefinition> definitions, List<Diagnostic> errors)
    {
        if (!System.IO.Directory.Exists(Path.Combine(workflowsDirectory, "data")))
        {
            return null;
        }
        var ids = definitions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var routing = RoutingRules.Load(workflowsDirectory, ids, errors);
        var rates = RecognitionRates.Load(workflowsDirectory, errors);
        var crisis = CrisisPeriods.Load(workflowsDirectory, definitions, errors);
        var capacity = Removal.RemovalCapacity.Load(workflowsDirectory, errors);
        return routing is null || rates is null || crisis is null || capacity is null
            ? null
            : new WorkflowData(routing, rates, crisis) { RemovalCapacity = capacity };
    }
}
