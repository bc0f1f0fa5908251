using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastProcedures.Cases.Running;

/// <summary>A what-if file or one of its steps is wrong: one line naming the step and the field.</summary>
public sealed class WhatIfException(string message) : Exception(message);

/// <summary>One step of a what-if file: at an instant, a command by its API action name, with its body fields.</summary>
public sealed record WhatIfStep(int Index, DateTimeOffset At, string Action, JsonObject With);

/// <summary>A case history written as a file: the country (its calendar and tenant) and the steps in time order.</summary>
public sealed record WhatIfFile(string Country, IReadOnlyList<WhatIfStep> Steps);

public sealed record TimerView(string Id, string Status, DateTimeOffset StartedAt, DateTimeOffset ExpiresAt, string LegalBasis);

public sealed record WorkflowView(string Id, int Version, string? Stage, IReadOnlyList<TimerView> Timers);

public sealed record CaseView(string Id, string Kind, IReadOnlyList<WorkflowView> Workflows);

/// <summary>What the cases look like at the end of the run, and everything that happened on the way.</summary>
public sealed record WhatIfResult(IReadOnlyList<CaseView> Cases, IReadOnlyList<RunEntry> Timeline, DateTimeOffset Until);

/// <summary>
/// <c>fastproc what-if</c>: reads a case history (YAML: <c>country</c>, <c>steps</c> of <c>{at, command, with}</c>),
/// turns each step into its command record as the REST API does (body fields camelCase; the case id, the country and
/// who acts filled in), and runs them through the <see cref="CaseRunner"/>, delivering deadlines up to the end.
/// </summary>
public static class WhatIf
{
    /// <summary>Who acts in a what-if run, in every <c>…By</c> field.</summary>
    public const string Actor = "what-if";

    private static readonly JsonSerializerOptions CommandJson = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static readonly JsonSerializerOptions OutputJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
    };

    public static WhatIfFile Parse(string text, IReadOnlyCollection<string> countries)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new WhatIfException($"line {e.Start.Line}: not valid YAML: {e.Message}");
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new WhatIfException("the file must be a mapping with 'country' and 'steps'.");
        }
        foreach (var key in root.Children.Keys.Select(k => k.ToString()).Where(k => k is not ("country" or "steps")))
        {
            throw new WhatIfException($"'{key}' is not a field of a what-if file (country, steps).");
        }
        var country = root.Children.TryGetValue(new YamlScalarNode("country"), out var c) && c is YamlScalarNode { Value: { } cv } ? cv : null;
        if (country is null || !countries.Contains(country))
        {
            throw new WhatIfException($"country: '{country}' is not one of {string.Join(", ", countries)}.");
        }
        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var s) || s is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            throw new WhatIfException("steps: a list of {at, command, with} is required.");
        }
        var steps = new List<WhatIfStep>();
        foreach (var (node, i) in sequence.Children.Select((n, i) => (n, i + 1)))
        {
            if (node is not YamlMappingNode step)
            {
                throw new WhatIfException($"step {i}: a step is a mapping {{at, command, with}}.");
            }
            foreach (var key in step.Children.Keys.Select(k => k.ToString()).Where(k => k is not ("at" or "command" or "with")))
            {
                throw new WhatIfException($"step {i}: '{key}' is not a field of a step (at, command, with).");
            }
            var atText = Scalar(step, "at");
            if (atText is null || !TryParseInstant(atText, out var at))
            {
                throw new WhatIfException($"step {i}: at: '{atText}' is not an ISO 8601 instant with an offset.");
            }
            if (steps.Count > 0 && at < steps[^1].At)
            {
                throw new WhatIfException($"step {i}: at: {atText} is before step {i - 1}; steps go in time order.");
            }
            var action = Scalar(step, "command");
            if (action is null || !CaseCommandCatalogue.TryGet(action, out _))
            {
                throw new WhatIfException($"step {i}: command: '{action}' is not an action ({string.Join(", ", CaseCommandCatalogue.All.Select(a => a.Action))}).");
            }
            var with = step.Children.TryGetValue(new YamlScalarNode("with"), out var w) ? Json(w) : new JsonObject();
            if (with is not JsonObject body)
            {
                throw new WhatIfException($"step {i} ({action}): with: the body fields are a mapping.");
            }
            steps.Add(new WhatIfStep(i, at, action, body));
        }
        return new WhatIfFile(country, steps);
    }

    /// <summary>Runs the file's steps up to <paramref name="until"/> (default: the last step's instant), deadlines
    /// included. A step refused or malformed stops the run with <see cref="WhatIfException"/> naming it.</summary>
    public static WhatIfResult Run(WhatIfFile file, WorkflowCatalog catalog, DateTimeOffset? until = null)
    {
        var end = until ?? file.Steps[^1].At;
        var runner = new CaseRunner(catalog);
        var cases = new List<(string Id, string Kind)>();
        foreach (var step in file.Steps.Where(s => s.At <= end))
        {
            CaseCommandCatalogue.TryGet(step.Action, out var type);
            var command = Command(step, type, file.Country, runner);
            try
            {
                runner.Send(command, step.At);
            }
            catch (Exception e) when (e is CaseCommandRefused or CaseAlreadyExists or CaseVersionConflict or PinnedDefinitionException)
            {
                throw new WhatIfException($"step {step.Index} ({step.Action}): refused: {e.Message}");
            }
        }
        runner.AdvanceTo(end);
        return new WhatIfResult(Views(runner), runner.Timeline, end);
    }

    /// <summary>The command record as the API would build it from the body: the case id (given, or the file's case of
    /// that kind), the country and who acts filled in; a missing, unknown or malformed field names the step and field.</summary>
    public static object Command(WhatIfStep step, CaseCommandType type, string country, CaseRunner runner)
    {
        var where = $"step {step.Index} ({step.Action})";
        var fields = CaseCommandCatalogue.Fields(type.Type);
        var body = (JsonObject)step.With.DeepClone();
        var known = type.Type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Except(fields.NotInBody.Where(f => f != fields.CaseId)).ToList();
        foreach (var key in body.Select(p => p.Key).Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            throw new WhatIfException($"{where}: '{key}' is not a field of {step.Action} ({string.Join(", ", known)}).");
        }
        if (fields.CaseId is { } caseIdField && body[caseIdField] is null)
        {
            body[caseIdField] = DefaultCaseId(type, country, step, runner)
                ?? throw new WhatIfException($"{where}: '{caseIdField}' is required: no {type.CaseKind} case to act on yet.");
        }
        if (fields.Country is { } countryField)
        {
            body[countryField] = country;
        }
        foreach (var actor in fields.Actors)
        {
            body[actor] = Actor;
        }
        foreach (var required in fields.Required.Where(r => body[r] is null))
        {
            throw new WhatIfException($"{where}: '{required}' is required.");
        }
        foreach (var (field, nestedType) in fields.Nested)
        {
            if (body[field] is JsonObject nested)
            {
                foreach (var required in CaseCommandCatalogue.Fields(nestedType).Required.Where(r => nested[r] is null))
                {
                    throw new WhatIfException($"{where}: '{field}.{required}' is required.");
                }
            }
        }
        try
        {
            return body.Deserialize(type.Type, CommandJson)
                ?? throw new WhatIfException($"{where}: the body is empty.");
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "with" : e.Path.TrimStart('$', '.');
            throw new WhatIfException($"{where}: '{path}': {Expected(type.Type, path) ?? e.Message.Split(" Path:")[0]}");
        }
    }

    /// <summary>For a field whose value has a fixed set of names (an enum), the names it accepts.</summary>
    private static string? Expected(Type command, string path)
    {
        var parameter = command.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!) == path);
        var type = parameter is null ? null : Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type is { IsEnum: true } ? $"the value is not one of {string.Join(", ", Enum.GetNames(type))}." : null;
    }

    /// <summary>Opening commands: the country's first case number in the step's year; others: the one case of that
    /// kind in the run so far (the asylum case, or its linked return case).</summary>
    private static string? DefaultCaseId(CaseCommandType type, string country, WhatIfStep step, CaseRunner runner)
    {
        if (type.OpensCase)
        {
            var number = $"{country}-{step.At.Year}-{runner.AsylumCases.Count + runner.ReturnCases.Count + 1:000000}";
            return type.CaseKind == Asylum.AsylumCases.Kind.Name ? number : number + "-R";
        }
        var ids = type.CaseKind == Asylum.AsylumCases.Kind.Name ? runner.AsylumCases.Keys : runner.ReturnCases.Keys;
        return ids.Count() == 1 ? ids.First() : null;
    }

    public static IReadOnlyList<CaseView> Views(CaseRunner runner) =>
        runner.AsylumCases.Values.Select(c => View(runner, c.Id, Asylum.AsylumCases.Kind.Name, c.Workflows))
            .Concat(runner.ReturnCases.Values.Select(c => View(runner, c.Id, Return.ReturnCases.Kind.Name, c.Workflows)))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();

    private static CaseView View(CaseRunner runner, string caseId, string kind, CaseWorkflows workflows) => new(caseId, kind,
        workflows.Instances.Values.Select(i =>
        {
            var definition = runner.Catalog.Pinned(i);
            return new WorkflowView(i.Id, i.Version, i.State.Stage, definition.Timers
                .Where(t => i.State.Timers.ContainsKey(t.Id))
                .Select(t => i.State.Timers[t.Id])
                .Select(t => (State: t, Definition: definition.Timers.First(d => d.Id == t.Id)))
                .Select(t => new TimerView(t.State.Id, Status(runner, caseId, i.Id, t.State, t.Definition.Window), t.State.StartedAt,
                    t.State.ExpiresAt, t.Definition.LegalBasis))
                .ToList());
        }).ToList());

    /// <summary>running, suspended, breached, met (stopped within its limit, or a window used in time), or elapsed (a
    /// window granted to the person ran out: no breach).</summary>
    private static string Status(CaseRunner runner, string caseId, string workflow, TimerState timer, bool window) => timer.Status switch
    {
        TimerStatus.Running => "running",
        TimerStatus.Suspended => "suspended",
        TimerStatus.Breached => "breached",
        TimerStatus.Elapsed => "elapsed",
        _ => runner.StoppedMet(caseId, workflow, timer.Id) == false ? (window ? "elapsed" : "breached") : "met",
    };

    public static string ToJson(WhatIfResult result) => JsonSerializer.Serialize(new
    {
        cases = result.Cases,
        timeline = result.Timeline.Select(e => new { at = e.At, @case = e.Case, @event = e.Event, workflow = e.Workflow, detail = e.Detail }),
    }, OutputJson);

    public static string ToText(WhatIfResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"As of {RunText.Instant(result.Until)}");
        foreach (var c in result.Cases)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{c.Kind} case {c.Id}");
            foreach (var w in c.Workflows)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {w.Id} v{w.Version}: stage {w.Stage ?? "(none)"}");
                foreach (var t in w.Timers)
                {
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"    {t.Id,-34} {t.Status,-9} started {RunText.Instant(t.StartedAt)}  expires {RunText.Instant(t.ExpiresAt)}  {t.LegalBasis}");
                }
            }
        }
        text.AppendLine();
        text.AppendLine("Timeline");
        foreach (var e in result.Timeline)
        {
            var what = e.Workflow is null ? e.Event : $"{e.Workflow}: {e.Detail}";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {RunText.Instant(e.At)}  {e.Case,-18} {(e.Workflow is null && e.Detail.Length > 0 ? $"{e.Event} {e.Detail}" : what)}");
        }
        return text.ToString();
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>YAML to JSON: plain scalars that read as booleans, null or numbers become those; quoted ones stay text.</summary>
    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(p.Key.ToString(), Json(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Json).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "null" or "~" or "" or null } => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" } => JsonValue.Create(true),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "false" } => JsonValue.Create(false),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } when long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v } when decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    /// <summary>An ISO 8601 instant with a date, a time and an offset; a local time without offset is refused.</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        return System.Text.RegularExpressions.Regex.IsMatch(text,
                   @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
