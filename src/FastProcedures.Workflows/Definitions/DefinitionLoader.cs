using System.Globalization;
using System.Text.Json.Nodes;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Definitions;

/// <summary>
/// Reads one definition file: JSON Schema first, then the semantic rules (docs/workflow-format.md), every error
/// reported at its file:line:col; compiles a valid file into an immutable <see cref="WorkflowDefinition"/>.
/// </summary>
public sealed class DefinitionLoader(SchemaValidator schema)
{
    /// <summary>A loader checking against the engine's own <c>workflow.schema.json</c>.</summary>
    public DefinitionLoader() : this(SchemaValidator.Workflow)
    {
    }

    /// <summary>Events every definition knows: the start of its workflow and a deadline message waking the case.</summary>
    public static readonly IReadOnlyList<string> EngineEvents = [WorkflowEvents.WorkflowStarted, WorkflowEvents.DeadlineReached];

    public WorkflowDefinition? Load(string file, string text, List<Diagnostic> errors) => Load(new DefinitionSource(file, text), errors);

    public WorkflowDefinition? Load(DefinitionSource file, List<Diagnostic> errors)
    {
        var before = errors.Count;
        var source = YamlSource.Parse(file, errors);
        schema.Validate(source, errors);
        if (errors.Count > before || source.Root is not JsonObject root)
        {
            return null;
        }
        var definition = new Compiler(source, root, errors).Compile();
        return errors.Count > before ? null : definition;
    }

    private sealed class Compiler(YamlSource source, JsonObject root, List<Diagnostic> errors)
    {
        private readonly Dictionary<string, ParameterDefinition> _parameters = new(StringComparer.Ordinal);

        public WorkflowDefinition? Compile()
        {
            foreach (var (id, node) in root["parameters"] as JsonObject ?? [])
            {
                CompileParameter(id, (JsonObject)node!);
            }
            var stages = new List<StageDefinition>();
            foreach (var (id, node) in (JsonObject)root["stages"]!)
            {
                stages.Add(CompileStage(id, (JsonObject)node!));
            }
            var timers = new List<TimerDefinition>();
            var timersNode = root["timers"] as JsonArray ?? [];
            for (var i = 0; i < timersNode.Count; i++)
            {
                timers.Add(CompileTimer($"/timers/{i}", (JsonObject)timersNode[i]!));
            }
            var declared = (root["events"] as JsonArray ?? []).Select(e => (string)e!).ToList();
            DateOnly? appliesFrom = null;
            if (root["applies-from"] is { } from)
            {
                if (DateOnly.TryParseExact((string)from!, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    appliesFrom = d;
                }
                else
                {
                    errors.Add(source.At("/applies-from", $"'{from}' is not a date"));
                }
            }

            var definition = new WorkflowDefinition(
                (string)root["id"]!, (int)root["version"]!, source.CanonicalSha256(), (string)root["title"]!,
                (string)root["legal-basis"]!, (string)root["case"]!, appliesFrom, (string)root["initial"]!,
                stages, timers, _parameters.Values.ToList(), declared, source.File)
            {
                StartsOn = Events(root["starts-on"]),
                StartsWhen = GuardAt("/starts-when", (string?)root["starts-when"]),
                Place = (string?)root["place"],
                AppealWindow = (string?)root["appeal"]?["window"],
                AppealSuspendsRemoval = (bool?)root["appeal"]?["suspends-removal"] ?? false,
            };
            if (definition.AppealWindow is { } window && !_parameters.ContainsKey(window))
            {
                errors.Add(source.At("/appeal/window", $"appeal window '{window}' is not a parameter of this definition"));
            }
            Check(definition);
            return definition;
        }

        private void CompileParameter(string id, JsonObject node)
        {
            var at = $"/parameters/{id}";
            var min = Period(at + "/min", (string)node["min"]!, false);
            var max = Period(at + "/max", (string)node["max"]!, false);
            var @default = Period(at + "/default", (string)node["default"]!, false);
            if (min is null || max is null || @default is null)
            {
                return;
            }
            if (min.ComparableLength > max.ComparableLength)
            {
                errors.Add(source.At(at + "/min", $"parameter '{id}': min {min} is longer than max {max}"));
            }
            if (@default.ComparableLength < min.ComparableLength || @default.ComparableLength > max.ComparableLength)
            {
                errors.Add(source.At(at + "/default", $"parameter '{id}': default {@default} is outside {min}..{max}"));
            }
            _parameters[id] = new ParameterDefinition(id, (string)node["legal-basis"]!, min, max, @default);
        }

        private StageDefinition CompileStage(string id, JsonObject node)
        {
            var at = $"/stages/{id}";
            var tasks = new List<TaskDefinition>();
            var tasksNode = node["tasks"] as JsonArray ?? [];
            for (var i = 0; i < tasksNode.Count; i++)
            {
                var t = (JsonObject)tasksNode[i]!;
                tasks.Add(new TaskDefinition((string)t["id"]!, (string)t["title"]!, (string)t["unit"]!, (string?)t["due"],
                    Events(t["closes-on"]), id));
            }
            var on = new Dictionary<string, IReadOnlyList<Transition>>(StringComparer.Ordinal);
            foreach (var (eventName, list) in node["on"] as JsonObject ?? [])
            {
                var transitions = new List<Transition>();
                var items = (JsonArray)list!;
                for (var i = 0; i < items.Count; i++)
                {
                    var t = (JsonObject)items[i]!;
                    var guard = GuardAt($"{at}/on/{eventName}/{i}/when", (string?)t["when"]);
                    transitions.Add(new Transition(eventName, guard, (string?)t["goto"], Sends(t["send"])));
                }
                on[eventName] = transitions;
            }
            return new StageDefinition(id, (string)node["description"]!, (string?)node["unit"], (bool?)node["final"] ?? false,
                tasks, on, Sends(node["send-on-entry"]));
        }

        private TimerDefinition CompileTimer(string at, JsonObject node)
        {
            var id = (string)node["id"]!;
            var workingDays = (string?)node["counting"] == "working-days";
            LegalPeriod? period = null;
            string? parameter = null;
            string? periodDaysField = null;
            if (node["period"] is JsonObject byParameter)
            {
                parameter = (string)byParameter["parameter"]!;
                periodDaysField = (string?)byParameter["days-field"];
                if (!_parameters.ContainsKey(parameter))
                {
                    errors.Add(source.At(at + "/period/parameter", $"timer '{id}': no parameter '{parameter}' is defined"));
                }
            }
            else
            {
                period = Period(at + "/period", (string)node["period"]!, workingDays);
            }
            var longest = period ?? (parameter is not null && _parameters.TryGetValue(parameter, out var p) ? p.Max : null);

            var extensions = new List<ExtensionDefinition>();
            var extensionsNode = node["extensions"] as JsonArray ?? [];
            for (var i = 0; i < extensionsNode.Count; i++)
            {
                var e = (JsonObject)extensionsNode[i]!;
                var eAt = $"{at}/extensions/{i}";
                var by = e["by"] is { } b ? Period(eAt + "/by", (string)b!, workingDays) : null;
                var to = e["to"] is { } t ? Period(eAt + "/to", (string)t!, workingDays) : null;
                var max = Period(eAt + "/max", (string)e["max"]!, workingDays);
                var guard = GuardAt(eAt + "/when", (string?)e["when"]);
                if (max is null)
                {
                    continue;
                }
                var result = to ?? (by is not null && longest is not null && SameKind(longest, by) ? longest.Plus(by) : null);
                if (result is not null && result.ComparableLength > max.ComparableLength)
                {
                    errors.Add(source.At(eAt + (to is not null ? "/to" : "/by"),
                        $"timer '{id}': extension on {(string)e["on"]!} gives {result}, beyond its maximum {max}"));
                }
                extensions.Add(new ExtensionDefinition((string)e["on"]!, by, to, max, (string)e["legal-basis"]!, guard));
            }
            var warnBefore = node["warn-before"] is { } w ? Period(at + "/warn-before", (string)w!, false) : null;
            var startsWhen = GuardAt(at + "/starts-when", (string?)node["starts-when"]);
            CountsFrom? countsFrom = null;
            if (node["counts-from"] is JsonObject from)
            {
                var after = from["after"] is { } a ? Period(at + "/counts-from/after", (string)a!, false) : null;
                countsFrom = new CountsFrom((string?)from["field"], after, (string?)from["timer"]);
            }
            var stopsWhen = new Dictionary<string, Guard>(StringComparer.Ordinal);
            foreach (var (eventName, text) in node["stops-when"] as JsonObject ?? [])
            {
                if (GuardAt($"{at}/stops-when/{eventName}", (string?)text) is { } guard)
                {
                    stopsWhen[eventName] = guard;
                }
            }
            return new TimerDefinition(id, (string)node["title"]!, (string)node["legal-basis"]!, Events(node["starts-on"]),
                startsWhen, period, parameter, workingDays, Events(node["stops-on"]), Events(node["suspends-on"]), Events(node["resumes-on"]),
                extensions, warnBefore, Actions(node["on-warning"]), Actions(node["on-breach"]))
            {
                StartsOnEntering = Events(node["starts-on-entering"]),
                CountsFrom = countsFrom,
                DeductsDays = (string?)node["deducts-days"],
                PeriodDaysField = periodDaysField,
                ShiftLastDay = (bool?)node["shift-last-day"] ?? true,
                StopsWhen = stopsWhen,
            };
        }

        /// <summary>The semantic rules that a schema cannot express.</summary>
        private void Check(WorkflowDefinition definition)
        {
            var stageIds = definition.Stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            if (!stageIds.Contains(definition.Initial))
            {
                errors.Add(source.At("/initial", $"initial stage '{definition.Initial}' is not defined"));
            }

            var knownEvents = new HashSet<string>(EngineEvents, StringComparer.Ordinal);
            knownEvents.UnionWith(definition.DeclaredEvents);
            foreach (var stage in definition.Stages)
            {
                knownEvents.UnionWith(stage.On.Keys);
                foreach (var task in stage.Tasks)
                {
                    knownEvents.UnionWith(task.ClosesOn);
                }
                if (stage.Final && stage.On.Count > 0)
                {
                    errors.Add(source.AtKey($"/stages/{stage.Id}/on", $"stage '{stage.Id}' is final and cannot have transitions"));
                }
                foreach (var (eventName, transitions) in stage.On)
                {
                    for (var i = 0; i < transitions.Count; i++)
                    {
                        if (transitions[i].Goto is { } target && !stageIds.Contains(target))
                        {
                            errors.Add(source.At($"/stages/{stage.Id}/on/{eventName}/{i}/goto", $"goto to an unknown stage '{target}'"));
                        }
                    }
                }
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            void Unique(string id, string pointer, string kind)
            {
                if (!ids.TryAdd(id, kind))
                {
                    errors.Add(source.At(pointer, $"duplicate id '{id}' ({kind}; already used by a {ids[id]})"));
                }
            }
            foreach (var stage in definition.Stages)
            {
                Unique(stage.Id, $"/stages/{stage.Id}", "stage");
            }
            var timerIds = definition.Timers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var stage in definition.Stages)
            {
                for (var i = 0; i < stage.Tasks.Count; i++)
                {
                    var task = stage.Tasks[i];
                    Unique(task.Id, $"/stages/{stage.Id}/tasks/{i}/id", "task");
                    if (task.Due is { } due && !timerIds.Contains(due))
                    {
                        errors.Add(source.At($"/stages/{stage.Id}/tasks/{i}/due", $"task '{task.Id}' is due by an unknown timer '{due}'"));
                    }
                }
            }
            for (var i = 0; i < definition.Timers.Count; i++)
            {
                var timer = definition.Timers[i];
                var at = $"/timers/{i}";
                Unique(timer.Id, at + "/id", "timer");
                void Known(IReadOnlyList<string> events, string key)
                {
                    for (var k = 0; k < events.Count; k++)
                    {
                        if (!knownEvents.Contains(events[k]))
                        {
                            errors.Add(source.At(events.Count == 1 ? $"{at}/{key}" : $"{at}/{key}/{k}",
                                $"timer '{timer.Id}' {key} {events[k]}, an event no stage knows (declare it under events: if it is real)"));
                        }
                    }
                }
                Known(timer.StartsOn, "starts-on");
                if (timer.StartsOn.Count == 0 && timer.StartsOnEntering.Count == 0)
                {
                    errors.Add(source.At(at, $"timer '{timer.Id}' never starts: give it starts-on or starts-on-entering"));
                }
                for (var k = 0; k < timer.StartsOnEntering.Count; k++)
                {
                    if (!stageIds.Contains(timer.StartsOnEntering[k]))
                    {
                        errors.Add(source.At($"{at}/starts-on-entering/{k}",
                            $"timer '{timer.Id}' starts on entering an unknown stage '{timer.StartsOnEntering[k]}'"));
                    }
                }
                Known(timer.StopsOn, "stops-on");
                foreach (var stopEvent in timer.StopsWhen.Keys.Where(e => !timer.StopsOn.Contains(e)))
                {
                    errors.Add(source.AtKey($"{at}/stops-when/{stopEvent}",
                        $"timer '{timer.Id}' has stops-when for {stopEvent}, which is not in its stops-on"));
                }
                if (timer.CountsFrom?.Timer is { } fromTimer && (fromTimer == timer.Id || !timerIds.Contains(fromTimer)))
                {
                    errors.Add(source.At($"{at}/counts-from/timer",
                        $"timer '{timer.Id}' counts from the start of '{fromTimer}', which is no other timer of this definition"));
                }
                Known(timer.SuspendsOn, "suspends-on");
                Known(timer.ResumesOn, "resumes-on");
                for (var e = 0; e < timer.Extensions.Count; e++)
                {
                    if (!knownEvents.Contains(timer.Extensions[e].On))
                    {
                        errors.Add(source.At($"{at}/extensions/{e}/on",
                            $"timer '{timer.Id}' is extended on {timer.Extensions[e].On}, an event no stage knows (declare it under events: if it is real)"));
                    }
                }
                foreach (var (actions, key) in new[] { (timer.OnWarning, "on-warning"), (timer.OnBreach, "on-breach") })
                {
                    for (var a = 0; a < actions.Count; a++)
                    {
                        if (actions[a].Goto is { } target && !stageIds.Contains(target))
                        {
                            errors.Add(source.At($"{at}/{key}/{a}/goto", $"goto to an unknown stage '{target}'"));
                        }
                    }
                }
            }

            if (stageIds.Contains(definition.Initial))
            {
                var reachable = Reachable(definition);
                foreach (var stage in definition.Stages.Where(s => !reachable.Contains(s.Id)))
                {
                    errors.Add(source.AtKey($"/stages/{stage.Id}", $"stage '{stage.Id}' is unreachable from '{definition.Initial}'"));
                }
            }
        }

        private static HashSet<string> Reachable(WorkflowDefinition definition)
        {
            var breachTargets = definition.Timers.SelectMany(t => t.OnBreach.Concat(t.OnWarning))
                .Select(a => a.Goto).OfType<string>().ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal) { definition.Initial };
            var queue = new Queue<string>(seen);
            while (queue.TryDequeue(out var id))
            {
                if (!definition.HasStage(id))
                {
                    continue;
                }
                var next = definition.Stage(id).On.Values.SelectMany(t => t).Select(t => t.Goto).OfType<string>()
                    .Concat(breachTargets);
                foreach (var target in next.Where(seen.Add))
                {
                    queue.Enqueue(target);
                }
            }
            return seen;
        }

        private LegalPeriod? Period(string pointer, string text, bool workingDays)
        {
            if (LegalPeriod.TryParse(text, workingDays, out var period, out var error))
            {
                return period;
            }
            errors.Add(source.At(pointer, error));
            return null;
        }

        private Guard? GuardAt(string pointer, string? text)
        {
            if (text is null)
            {
                return null;
            }
            if (Guard.TryParse(text, out var guard, out var error))
            {
                return guard;
            }
            errors.Add(source.At(pointer, error));
            return null;
        }

        private static bool SameKind(LegalPeriod a, LegalPeriod b) => a.IsHours == b.IsHours && a.WorkingDays == b.WorkingDays;

        private static IReadOnlyList<string> Events(JsonNode? node) => node switch
        {
            null => [],
            JsonArray array => array.Select(e => (string)e!).ToList(),
            _ => [(string)node!],
        };

        private static IReadOnlyList<SendAction> Sends(JsonNode? node) => node switch
        {
            null => [],
            JsonArray array => array.Select(s => Send((JsonObject)s!)).ToList(),
            _ => [Send((JsonObject)node)],
        };

        private static SendAction Send(JsonObject node) => new((string)node["message"]!, (string)node["to"]!);

        private static IReadOnlyList<TimerAction> Actions(JsonNode? node) =>
            (node as JsonArray ?? []).Select(a => (JsonObject)a!)
                .Select(a => new TimerAction(a["send"] is JsonObject s ? Send(s) : null, (string?)a["goto"]))
                .ToList();
    }
}
