using System.Globalization;
using System.Text.Json.Nodes;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Simulation;

/// <summary>A lognormal duration with this mean and standard deviation (working hours, or days for courts).</summary>
public sealed record Duration(double Mean, double Sd);

public sealed record NationalityShare(string Code, double Share, double? Recognition);

public sealed record Surge(DateOnly From, DateOnly To, double Factor);

public sealed record CrisisSpan(DateOnly From, DateOnly To, string Type);

public sealed record Staff(int Reception, int Asylum, int Return, double HoursPerDay);

public sealed record RemovalCapacity(int FlightsPerWeek, int SeatsPerFlight, int EscortsPerWeek, int EscortsPerReturnee)
{
    /// <summary>Returnees a week's flights and escorts can carry.</summary>
    public int PerWeek => EscortsPerReturnee == 0
        ? FlightsPerWeek * SeatsPerFlight
        : Math.Min(FlightsPerWeek * SeatsPerFlight, EscortsPerWeek / EscortsPerReturnee);
}

/// <summary>What a capacity simulation runs: inflow, nationality mix, staff, task durations, rates and capacities
/// (schema: <c>workflows/schema/scenario.schema.json</c>).</summary>
public sealed record Scenario(
    string Id,
    string Title,
    string Source,
    string Country,
    DateOnly Start,
    int Days,
    double PerYear,
    IReadOnlyList<double> Seasonal,
    IReadOnlyList<Surge> Surges,
    double BorderShare,
    IReadOnlyList<NationalityShare> Nationalities,
    Staff Staff,
    IReadOnlyDictionary<string, Duration> Tasks,
    IReadOnlyDictionary<string, double> Rates,
    int DetentionPlaces,
    RemovalCapacity Removal,
    IReadOnlyList<CrisisSpan> Crisis)
{
    public double Rate(string name) => Rates.GetValueOrDefault(name);

    /// <summary>Applies overrides such as <c>asylum.staff=+10</c>, <c>asylum.staff=80</c>, <c>rates.appeal=0.4</c>,
    /// <c>detention-places=500</c>, <c>removal.flights-per-week=2</c>, <c>inflow.per-year=30000</c>.</summary>
    public Scenario With(string assignment)
    {
        var parts = assignment.Split('=', 2);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new ScenarioException($"--set '{assignment}': expected KEY=VALUE or KEY=+N (e.g. asylum.staff=+10)");
        }
        var (key, text) = (parts[0].Trim(), parts[1].Trim());
        var relative = text.StartsWith('+') || text.StartsWith('-');
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw new ScenarioException($"--set '{assignment}': '{text}' is not a number");
        }
        double Apply(double current) => relative ? current + number : number;
        int ApplyInt(int current) => Math.Max(0, (int)Math.Round(Apply(current)));
        return key switch
        {
            "reception.staff" => this with { Staff = Staff with { Reception = ApplyInt(Staff.Reception) } },
            "asylum.staff" => this with { Staff = Staff with { Asylum = ApplyInt(Staff.Asylum) } },
            "return.staff" => this with { Staff = Staff with { Return = ApplyInt(Staff.Return) } },
            "detention-places" => this with { DetentionPlaces = ApplyInt(DetentionPlaces) },
            "inflow.per-year" => this with { PerYear = Math.Max(0, Apply(PerYear)) },
            "inflow.border-share" => this with { BorderShare = Math.Clamp(Apply(BorderShare), 0, 1) },
            "removal.flights-per-week" => this with { Removal = Removal with { FlightsPerWeek = ApplyInt(Removal.FlightsPerWeek) } },
            "removal.seats-per-flight" => this with { Removal = Removal with { SeatsPerFlight = ApplyInt(Removal.SeatsPerFlight) } },
            "removal.escorts-per-week" => this with { Removal = Removal with { EscortsPerWeek = ApplyInt(Removal.EscortsPerWeek) } },
            _ when key.StartsWith("rates.", StringComparison.Ordinal) && Rates.ContainsKey(key[6..]) || ScenarioLoader.RateNames.Contains(key.Length > 6 ? key[6..] : "")
                => this with { Rates = new Dictionary<string, double>(Rates) { [key[6..]] = Math.Clamp(Apply(Rate(key[6..])), 0, 1) } },
            _ => throw new ScenarioException(
                $"--set '{assignment}': unknown key '{key}' (reception.staff, asylum.staff, return.staff, detention-places, " +
                "inflow.per-year, inflow.border-share, removal.flights-per-week, removal.seats-per-flight, " +
                "removal.escorts-per-week, rates.NAME)"),
        };
    }
}

public sealed class ScenarioException(string message) : Exception(message);

/// <summary>Reads a scenario file: YAML validated against its schema, every error as <c>file:line:col: message</c>.</summary>
public static class ScenarioLoader
{
    public static readonly IReadOnlySet<string> RateNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "appeal", "appeal-upheld", "absconding", "voluntary-departure", "security-grounds", "misled-authorities",
        "unaccompanied-minors",
    };

    /// <summary>The scenario files shipped in <c>workflows/scenarios/</c>, by id.</summary>
    public static string? Shipped(string workflowsDirectory, string name)
    {
        var file = Path.Combine(workflowsDirectory, "scenarios", name + ".yaml");
        return File.Exists(file) ? file : null;
    }

    public static Scenario Load(string file, string text, string schemaFile)
    {
        var errors = new List<Diagnostic>();
        var source = YamlSource.Parse(file, text, errors);
        if (errors.Count == 0)
        {
            SchemaValidator.FromText(File.ReadAllText(schemaFile), new Uri(Path.GetFullPath(schemaFile))).Validate(source, errors);
        }
        if (errors.Count > 0 || source.Root is not JsonObject root)
        {
            throw new ScenarioException(errors.Count > 0 ? errors[0].ToString() : $"{file}:1:1: empty scenario");
        }
        var inflow = root["inflow"]!.AsObject();
        var staff = root["staff"]!.AsObject();
        var removal = root["removal"]!.AsObject();
        var rates = root["rates"]!.AsObject();
        var nationalities = root["nationalities"]!.AsArray().Select(n => new NationalityShare(
            (string)n!["code"]!, Number(n["share"]), n["recognition"] is { } r ? Number(r) : null)).ToList();
        var scenario = new Scenario(
            (string)root["id"]!,
            (string)root["title"]!,
            root["source"] is { } s ? (string)s! : "",
            (string)root["country"]!,
            Date(root["start"]),
            (int)root["days"]!,
            Number(inflow["per-year"]),
            inflow["seasonal"]?.AsArray().Select(v => Number(v)).ToList() ?? Enumerable.Repeat(1.0, 12).ToList(),
            inflow["surges"]?.AsArray().Select(v => new Surge(Date(v!["from"]), Date(v["to"]), Number(v["factor"]))).ToList() ?? [],
            inflow["border-share"] is { } b ? Number(b) : 0.5,
            nationalities,
            new Staff((int)staff["reception"]!, (int)staff["asylum"]!, (int)staff["return"]!,
                staff["hours-per-day"] is { } h ? Number(h) : 7.5),
            root["tasks"]!.AsObject().ToDictionary(t => t.Key, t => new Duration(Number(t.Value!["mean"]),
                t.Value["sd"] is { } sd ? Number(sd) : 0)),
            rates.ToDictionary(r => r.Key, r => Number(r.Value)),
            (int)root["detention-places"]!,
            new RemovalCapacity((int)removal["flights-per-week"]!, (int)removal["seats-per-flight"]!,
                (int)removal["escorts-per-week"]!, removal["escorts-per-returnee"] is { } e ? (int)e : 2),
            root["crisis"]?.AsArray().Select(c => new CrisisSpan(Date(c!["from"]), Date(c["to"]),
                c["type"] is { } t ? (string)t! : "mass-arrivals")).ToList() ?? []);
        if (scenario.Seasonal.Sum() <= 0)
        {
            throw new ScenarioException($"{file}: inflow.seasonal: at least one month needs a weight above 0");
        }
        return scenario;
    }

    private static double Number(JsonNode? node) => double.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateOnly Date(JsonNode? node) => DateOnly.ParseExact((string)node!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
