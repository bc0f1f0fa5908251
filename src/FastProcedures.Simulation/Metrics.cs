using FastProcedures.Workflows.Kpis;

namespace FastProcedures.Simulation;

/// <summary>Per timer: how often it started, was kept, and passed (breached), with the breaches by cause.</summary>
public sealed record TimerFigures(string Workflow, string Timer, string LegalBasis, int Started, int Met, int Breached,
    IReadOnlyDictionary<string, int> BreachesByCause);

/// <summary>Days spent in a stage by the cases that left it: median and 90th percentile.</summary>
public sealed record StageFigures(string Workflow, string Stage, int Cases, double MedianDays, double P90Days);

/// <summary>Cases waiting for or being worked on by a unit, at the start of each simulated day.</summary>
public sealed record BacklogSeries(string Unit, IReadOnlyList<int> PerDay);

public sealed record DecisionFigures(string Procedure, int Decisions, int Positive, int WithinLimit)
{
    public double WithinLimitShare => KpiDefinitions.Share(WithinLimit, Decisions);
}

/// <summary>The figures of one run, the same KPIs the steering dashboard reads from live cases.</summary>
public sealed record SimulationResult(
    string Scenario,
    string Title,
    int Days,
    int Arrived,
    int Absconded,
    int ReturnDecisions,
    int FinalNegative,
    int Removed,
    int DepartedVoluntarily,
    int Appeals,
    int DetentionRefused,
    IReadOnlyList<DecisionFigures> Decisions,
    IReadOnlyList<TimerFigures> Timers,
    IReadOnlyList<StageFigures> Stages,
    IReadOnlyList<BacklogSeries> Backlog,
    IReadOnlyList<int> DetentionPerDay,
    IReadOnlyDictionary<string, int> BreachesByCause)
{
    /// <summary>Returned (removed or departed) per final negative decision in the period (<see cref="KpiDefinitions"/>).</summary>
    public double ReturnRate => KpiDefinitions.ReturnRate(Removed + DepartedVoluntarily, FinalNegative);

    public double DecisionsWithinLimitShare => KpiDefinitions.Share(Decisions.Sum(d => d.WithinLimit), Decisions.Sum(d => d.Decisions));
}

internal sealed class Metrics
{
    private readonly SortedDictionary<(string, string), TimerCounter> _timers = new();
    private readonly SortedDictionary<(string, string), List<double>> _stages = new();
    private readonly SortedDictionary<string, List<int>> _backlog = new(StringComparer.Ordinal);
    private readonly List<int> _detention = [];
    private readonly SortedDictionary<string, DecisionCounter> _decisions = new(StringComparer.Ordinal);

    public int Arrived;
    public int Absconded;
    public int ReturnDecisions;
    public int FinalNegative;
    public int Removed;
    public int DepartedVoluntarily;
    public int Appeals;
    public int DetentionRefused;

    public void TimerStarted(string workflow, string timer, string legalBasis) => Timer(workflow, timer, legalBasis).Started++;

    public void TimerMet(string workflow, string timer) => Timer(workflow, timer, "").Met++;

    public void TimerBreached(string workflow, string timer, Wait cause)
    {
        var counter = Timer(workflow, timer, "");
        counter.Breached++;
        var name = Cause(cause);
        counter.Causes[name] = counter.Causes.GetValueOrDefault(name) + 1;
    }

    public void StageTime(string workflow, string stage, double days)
    {
        if (!_stages.TryGetValue((workflow, stage), out var list))
        {
            _stages[(workflow, stage)] = list = [];
        }
        list.Add(days);
    }

    public void Backlog(string unit, int day, int count)
    {
        if (!_backlog.TryGetValue(unit, out var list))
        {
            _backlog[unit] = list = [];
        }
        list.Add(count);
    }

    public void DetentionUse(int day, int detained) => _detention.Add(detained);

    public void Decision(string procedure, bool positive, bool withinLimit)
    {
        if (!_decisions.TryGetValue(procedure, out var counter))
        {
            _decisions[procedure] = counter = new DecisionCounter();
        }
        counter.Decisions++;
        counter.Positive += positive ? 1 : 0;
        counter.WithinLimit += withinLimit ? 1 : 0;
    }

    public SimulationResult Result(Scenario scenario, DateTimeOffset end)
    {
        var timers = _timers.Select(t => new TimerFigures(t.Key.Item1, t.Key.Item2, t.Value.LegalBasis, t.Value.Started,
            t.Value.Met, t.Value.Breached, new SortedDictionary<string, int>(t.Value.Causes, StringComparer.Ordinal))).ToList();
        var causes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (cause, count) in timers.SelectMany(t => t.BreachesByCause))
        {
            causes[cause] = causes.GetValueOrDefault(cause) + count;
        }
        return new SimulationResult(scenario.Id, scenario.Title, scenario.Days, Arrived, Absconded, ReturnDecisions,
            FinalNegative, Removed, DepartedVoluntarily, Appeals, DetentionRefused,
            _decisions.Select(d => new DecisionFigures(d.Key, d.Value.Decisions, d.Value.Positive, d.Value.WithinLimit)).ToList(),
            timers,
            _stages.Select(s => new StageFigures(s.Key.Item1, s.Key.Item2, s.Value.Count, Percentile(s.Value, 0.5),
                Percentile(s.Value, 0.9))).ToList(),
            _backlog.Select(b => new BacklogSeries(b.Key, b.Value)).ToList(),
            _detention, causes);
    }

    private static double Percentile(List<double> values, double p) => KpiDefinitions.Percentile(values, p);

    private static string Cause(Wait wait) => wait switch
    {
        Wait.Reception => "staff: reception",
        Wait.AsylumUnit => "staff: asylum",
        Wait.ReturnUnit => "staff: return",
        Wait.AppealWindow => "appeal window passed without appeal",
        Wait.Court => "appeal pending",
        Wait.DetentionPlaces => "detention places",
        Wait.RemovalCapacity => "removal capacity",
        Wait.Absconded => "absconded",
        _ => "other",
    };

    private TimerCounter Timer(string workflow, string timer, string legalBasis)
    {
        if (!_timers.TryGetValue((workflow, timer), out var counter))
        {
            _timers[(workflow, timer)] = counter = new TimerCounter();
        }
        if (legalBasis.Length > 0)
        {
            counter.LegalBasis = legalBasis;
        }
        return counter;
    }

    private sealed class TimerCounter
    {
        public string LegalBasis = "";
        public int Started;
        public int Met;
        public int Breached;
        public readonly Dictionary<string, int> Causes = [];
    }

    private sealed class DecisionCounter
    {
        public int Decisions;
        public int Positive;
        public int WithinLimit;
    }
}
