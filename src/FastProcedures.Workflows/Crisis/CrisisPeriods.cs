using System.Text.Json.Nodes;
using FastProcedures.Workflows.Data;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Sources;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Crisis;

/// <summary>A situation of crisis or force majeure declared for a Member State by a Council implementing decision
/// (CFMR, Regulation (EU) 2024/1359), with the timers it derogates as <c>definition-id/timer-id</c>.</summary>
public sealed record CrisisPeriod(string Id, string Country, string Decision, DateOnly Start, DateOnly End, IReadOnlyList<string> Derogations)
{
    /// <summary>mass-arrivals, instrumentalisation or force-majeure (CFMR Art. 1(4)-(5)); null when not recorded.</summary>
    public string? Type { get; init; }

    /// <summary>initial (the Council implementing decision of CFMR Art. 4(3)) or extension (Art. 5(1)-(2)).</summary>
    public string DecisionKind { get; init; } = "initial";

    /// <summary>CFMR Art. 10(1), 11(1): the derogations apply to applications made within the period.</summary>
    public bool Covers(DateOnly madeOn) => madeOn >= Start && madeOn <= End;

    /// <summary>The derogated timer ids of one definition.</summary>
    public IReadOnlyList<string> TimersOf(string definitionId) =>
        Derogations.Where(d => d.StartsWith(definitionId + "/", StringComparison.Ordinal))
            .Select(d => d[(definitionId.Length + 1)..]).ToList();
}

/// <summary>The crisis periods of <c>workflows/data/crisis-periods.yaml</c> and the one pure question the cases layer
/// asks: which period covers a case of country C registered on day D, and which timers it derogates.</summary>
public sealed class CrisisPeriods(int version, IReadOnlyList<CrisisPeriod> periods)
{
    public const string FileName = "crisis-periods.yaml";

    public int Version { get; } = version;
    public IReadOnlyList<CrisisPeriod> All { get; } = periods;

    /// <summary>The period covering an application made on <paramref name="registeredOn"/> in
    /// <paramref name="country"/>: the derogations apply to applications made within the period (CFMR Art. 10(1),
    /// 11(1): "applications made within the period"). Null when none does.</summary>
    public CrisisPeriod? Covering(string country, DateOnly registeredOn) =>
        All.FirstOrDefault(p => p.Country == country && p.Covers(registeredOn));

    /// <summary>The <c>definition-id/timer-id</c> derogations for such a case (empty when no crisis covers it).</summary>
    public IReadOnlyList<string> DerogatedTimers(string country, DateOnly registeredOn) =>
        Covering(country, registeredOn)?.Derogations ?? [];

    /// <summary>Loads and checks the file: dates in order, at most 3 + 3 months (unconfirmed: CFMR), no overlap within a
    /// country, and every derogation names a timer with a <c>CrisisDerogationApplied</c> extension that can apply to the
    /// crisis's type and decision kind.</summary>
    public static CrisisPeriods? Load(DefinitionSource file, IReadOnlyCollection<WorkflowDefinition> definitions, List<Diagnostic> errors)
    {
        if (DataFile.Load(file, FileName, errors) is not { } loaded)
        {
            return null;
        }
        var (source, root) = loaded;
        var before = errors.Count;
        var periods = new List<CrisisPeriod>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (country, list) in (JsonObject)root["countries"]!)
        {
            var items = (JsonArray)list!;
            for (var i = 0; i < items.Count; i++)
            {
                var node = (JsonObject)items[i]!;
                var at = $"/countries/{country}/{i}";
                var id = (string)node["id"]!;
                if (!ids.Add(id))
                {
                    errors.Add(source.At(at + "/id", $"duplicate crisis id '{id}'"));
                }
                var start = DataFile.Date(source, at + "/start", node["start"], errors);
                var end = DataFile.Date(source, at + "/end", node["end"], errors);
                var derogations = ((JsonArray)node["derogations"]!).Select(d => (string)d!).ToList();
                for (var d = 0; d < derogations.Count; d++)
                {
                    if (Problem(derogations[d], definitions) is { } problem)
                    {
                        errors.Add(source.At($"{at}/derogations/{d}", $"crisis '{id}': {problem}"));
                    }
                }
                if (start is null || end is null)
                {
                    continue;
                }
                if (end < start)
                {
                    errors.Add(source.At(at + "/end", $"crisis '{id}' ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})"));
                }
                else if (end >= start.Value.AddMonths(6))
                {
                    errors.Add(source.At(at + "/end",
                        $"crisis '{id}' lasts longer than 3 months extended by 3 (CFMR Art. 5(1)): record each extension decision as its own period"));
                }
                var type = (string?)node["type"];
                var kind = (string?)node["decision-kind"] ?? "initial";
                for (var d = 0; d < derogations.Count; d++)
                {
                    // Which crises a derogation serves is the definitions' to say, in their extensions' guards (e.g.
                    // CFMR Art. 10(4) in screening, Art. 12 in ammr-responsibility): a derogation no guard lets apply
                    // to this crisis would extend nothing, so the file is refused rather than silently inert.
                    if (Inapplicable(derogations[d], definitions, id, type, kind) is { } inapplicable)
                    {
                        errors.Add(source.At($"{at}/derogations/{d}", $"crisis '{id}': {inapplicable}"));
                    }
                }
                var period = new CrisisPeriod(id, country, (string)node["decision"]!, start.Value, end.Value, derogations)
                {
                    Type = type,
                    DecisionKind = kind,
                };
                if (periods.FirstOrDefault(p => p.Country == country && p.Start <= period.End && period.Start <= p.End) is { } other)
                {
                    errors.Add(source.At(at + "/start", $"crisis '{id}' overlaps crisis '{other.Id}' of {country}"));
                }
                periods.Add(period);
            }
        }
        return errors.Count > before ? null : new CrisisPeriods((int)root["version"]!, periods);
    }

    /// <summary>
    /// Null when one of the timer's <c>CrisisDerogationApplied</c> extensions can apply to a case this crisis covers: it
    /// has no guard, or its guard holds with the crisis's id, type and decision kind and some value (null, true or
    /// false) of each field the case's own event carries; otherwise why not, with each extension's legal basis and guard.
    /// </summary>
    private static string? Inapplicable(
        string derogation, IReadOnlyCollection<WorkflowDefinition> definitions, string crisisId, string? type, string kind)
    {
        var (definitionId, timerId) = (derogation.Split('/')[0], derogation.Split('/')[1]);
        var timer = definitions.Where(d => d.Id == definitionId).MaxBy(d => d.Version)?.Timers.FirstOrDefault(t => t.Id == timerId);
        var extensions = timer?.Extensions.Where(e => e.On == "CrisisDerogationApplied").ToList() ?? [];
        var crisis = new Dictionary<string, object?>
        {
            ["covers_case"] = true, ["crisis_id"] = crisisId, ["crisis_type"] = type, ["crisis_decision"] = kind,
        };
        // No extension at all is Problem's to report.
        if (extensions.Count == 0 || extensions.Any(e => e.When is null || CanHold(e.When, crisis)))
        {
            return null;
        }
        var guards = string.Join("; ", extensions.Select(e => $"{e.LegalBasis}: {e.When!.Text}"));
        return $"'{derogation}' extends nothing in a crisis of type {type ?? "(not recorded)"} under its {kind} decision ({guards})";
    }

    private static bool CanHold(Guard guard, Dictionary<string, object?> crisis)
    {
        var open = guard.Parameters.Where(p => !crisis.ContainsKey(p)).Distinct().ToList();
        if (open.Count > 6)
        {
            return true;
        }
        object?[] values = [null, true, false];
        var combinations = (int)Math.Pow(values.Length, open.Count);
        for (var i = 0; i < combinations; i++)
        {
            var data = new Dictionary<string, object?>(crisis);
            var n = i;
            foreach (var parameter in open)
            {
                data[parameter] = values[n % values.Length];
                n /= values.Length;
            }
            try
            {
                if (guard.Holds(data))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is NCalc.Exceptions.NCalcException or InvalidOperationException or FormatException or InvalidCastException)
            {
                // A value of the wrong kind for this field: not a case that can occur.
            }
        }
        return false;
    }

    private static string? Problem(string derogation, IReadOnlyCollection<WorkflowDefinition> definitions)
    {
        var (definitionId, timerId) = (derogation.Split('/')[0], derogation.Split('/')[1]);
        var definition = definitions.Where(d => d.Id == definitionId).MaxBy(d => d.Version);
        if (definition is null)
        {
            return $"'{derogation}' names no definition '{definitionId}'";
        }
        var timer = definition.Timers.FirstOrDefault(t => t.Id == timerId);
        if (timer is null)
        {
            return $"'{derogation}': {definitionId} has no timer '{timerId}'";
        }
        return timer.Extensions.Any(e => e.On == "CrisisDerogationApplied")
            ? null
            : $"'{derogation}': timer {timerId} has no CrisisDerogationApplied extension to apply";
    }
}
