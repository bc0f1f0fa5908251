using System.Text.Json;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Definitions;

/// <summary>
/// Every definition version of a <c>workflows/</c> folder's sources (<c>*.yaml</c> and <c>versions/&lt;id&gt;/v*.yaml</c>)
/// and the country calendars, parsed from <see cref="WorkflowSources"/> (the engine reads no file). Loading fails fast
/// with every error at once: an invalid definition stops start-up.
/// <c>versions.lock.json</c> records the hash of each released (id, version); a changed file with an unchanged
/// version is refused, so a case pinned to (id, version, hash) always finds the definition it started under.
/// </summary>
public sealed class WorkflowRegistry
{
    public const string LockFileName = WorkflowSources.LockFileName;

    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions;
    private readonly DefinitionSource? _lock;

    private WorkflowRegistry(WorkflowSources sources, Dictionary<(string, int), WorkflowDefinition> definitions,
        IReadOnlyDictionary<string, CountryCalendar> calendars, WorkflowData? data)
    {
        Directory = sources.Folder;
        _lock = sources.Lock;
        _definitions = definitions;
        Calendars = calendars;
        Data = data;
    }

    /// <summary>The folder the sources came from, as named in diagnostics.</summary>
    public string Directory { get; }
    public IReadOnlyDictionary<string, CountryCalendar> Calendars { get; }

    /// <summary>The routing and crisis data of <c>workflows/data/</c>; null when the folder has no <c>data/</c>.</summary>
    public WorkflowData? Data { get; }

    public IEnumerable<WorkflowDefinition> All =>
        _definitions.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version);

    public static WorkflowRegistry Load(WorkflowSources sources)
    {
        var errors = new List<Diagnostic>(sources.Unreadable);
        var definitions = Definitions(sources, errors);

        IReadOnlyDictionary<string, CountryCalendar> calendars = new Dictionary<string, CountryCalendar>();
        IReadOnlyDictionary<(string, int), CountryCalendar> calendarVersions = new Dictionary<(string, int), CountryCalendar>();
        try
        {
            (calendars, calendarVersions) = CalendarLoader.LoadVersions(sources);
        }
        catch (DefinitionException e)
        {
            errors.AddRange(e.Diagnostics);
        }
        CheckLock(sources.Lock, definitions.Values, errors);
        CheckCountryParameters(sources, definitions.Values, calendars, errors);
        var data = WorkflowData.Load(sources, definitions.Values.ToList(), errors);

        if (errors.Count > 0)
        {
            errors.Sort();
            throw new DefinitionException(errors.Distinct().ToList());
        }
        return new WorkflowRegistry(sources, definitions, calendars, data) { CalendarVersions = calendarVersions };
    }

    /// <summary>Every error of a whole folder, sorted; empty when it loads.</summary>
    public static List<Diagnostic> Check(WorkflowSources sources)
    {
        try
        {
            Load(sources);
            return [];
        }
        catch (DefinitionException e)
        {
            return e.Diagnostics.ToList();
        }
    }

    private static Dictionary<(string, int), WorkflowDefinition> Definitions(WorkflowSources sources, List<Diagnostic> errors)
    {
        var loader = new DefinitionLoader();
        var definitions = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var file in sources.Definitions)
        {
            if (loader.Load(file, errors) is not { } definition)
            {
                continue;
            }
            if (definitions.TryGetValue((definition.Id, definition.Version), out var other))
            {
                errors.Add(new Diagnostic(file.FileName, 1, 1,
                    $"{definition.Id} version {definition.Version} is also defined in {other.SourceFile}"));
                continue;
            }
            definitions[(definition.Id, definition.Version)] = definition;
        }
        return definitions;
    }

    /// <summary>
    /// Checks single files as <c>fastproc workflows validate FILE...</c> does, each as its kind, against the
    /// definitions, calendars' parameters and lock of <paramref name="folder"/> (their own errors are not reported).
    /// </summary>
    public sealed class FileCheck(WorkflowSources folder)
    {
        private readonly Lazy<IReadOnlyCollection<WorkflowDefinition>> _folderDefinitions =
            new(() => Definitions(folder, []).Values.ToList());

        private readonly DefinitionLoader _loader = new();

        public void Calendar(DefinitionSource file, List<Diagnostic> errors)
        {
            if (CalendarLoader.Load(file, errors) is { } calendar)
            {
                CheckCountryParameters(folder, _folderDefinitions.Value,
                    new Dictionary<string, CountryCalendar> { [calendar.Country] = calendar }, errors);
            }
        }

        /// <summary>A file of <c>data/</c>, known by its name.</summary>
        public void Data(DefinitionSource file, string name, List<Diagnostic> errors)
        {
            if (name == CrisisPeriods.FileName)
            {
                CrisisPeriods.Load(file, _folderDefinitions.Value, errors);
            }
            else if (name == RoutingRules.FileName)
            {
                RoutingRules.Load(file, _folderDefinitions.Value.Select(d => d.Id).ToHashSet(StringComparer.Ordinal), errors);
            }
            else if (name == RecognitionRates.FileName)
            {
                RecognitionRates.Load(file, errors);
            }
            else if (name == Removal.RemovalCapacity.FileName)
            {
                Removal.RemovalCapacity.Load(file, errors);
            }
            else
            {
                errors.Add(new Diagnostic(file.FileName, 1, 1,
                    $"not a known data file ({RoutingRules.FileName}, {RecognitionRates.FileName}, {CrisisPeriods.FileName}, {Removal.RemovalCapacity.FileName})"));
            }
        }

        public void Definition(DefinitionSource file, List<Diagnostic> errors)
        {
            if (_loader.Load(file, errors) is { } definition)
            {
                CheckLock(folder.Lock, [definition], errors);
            }
        }
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

    /// <summary>The lock file's text with the hash of every (id, version) not yet in it, and how many were added; the
    /// caller writes it to <see cref="LockFileName"/>.</summary>
    public (string Text, int Added) Lock()
    {
        var locked = _lock is null ? new JsonObject() : ParseLock(_lock);
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
        return (sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", added);
    }

    private static JsonObject ParseLock(DefinitionSource source) => JsonNode.Parse(source.Text) as JsonObject ?? new JsonObject();

    private static void CheckLock(DefinitionSource? lockFile, IEnumerable<WorkflowDefinition> definitions, List<Diagnostic> errors)
    {
        if (lockFile is null)
        {
            return;
        }
        JsonObject locked;
        try
        {
            locked = ParseLock(lockFile);
        }
        catch (JsonException e)
        {
            errors.Add(new Diagnostic(lockFile.FileName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Message));
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
        WorkflowSources folder, IEnumerable<WorkflowDefinition> definitions, IReadOnlyDictionary<string, CountryCalendar> calendars,
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
                        : new Diagnostic(folder.PathOf("calendars", calendar.Country.ToLowerInvariant() + ".yaml"), 1, 1, "");
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

    public static WorkflowData? Load(WorkflowSources sources, IReadOnlyCollection<WorkflowDefinition> definitions, List<Diagnostic> errors)
    {
        if (sources.Data is null)
        {
            return null;
        }
        var ids = definitions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var routing = Required(RoutingRules.FileName) is { } r ? RoutingRules.Load(r, ids, errors) : null;
        var rates = Required(RecognitionRates.FileName) is { } rr ? RecognitionRates.Load(rr, errors) : null;
        var crisis = Required(CrisisPeriods.FileName) is { } c ? CrisisPeriods.Load(c, definitions, errors) : null;
        // A folder without the escort capacity file has no capacity on record.
        var capacity = sources.DataFile(Removal.RemovalCapacity.FileName) is { } rc
            ? Removal.RemovalCapacity.Load(rc, errors)
            : Removal.RemovalCapacity.None;
        return routing is null || rates is null || crisis is null || capacity is null
            ? null
            : new WorkflowData(routing, rates, crisis) { RemovalCapacity = capacity };

        DefinitionSource? Required(string name)
        {
            var file = sources.DataFile(name);
            if (file is null && !sources.Unreadable.Any(d => d.File == sources.PathOf("data", name)))
            {
                errors.Add(new Diagnostic(sources.PathOf("data", name), 1, 1, "no such file"));
            }
            return file;
        }
    }
}
