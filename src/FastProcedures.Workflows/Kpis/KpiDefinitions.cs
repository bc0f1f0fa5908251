namespace FastProcedures.Workflows.Kpis;

/// <summary>
/// One fact about a case that a KPI counts, with no personal data: a stage entered or left, a limit started, kept or
/// breached, a window opened, used or elapsed (the engine's effects), the procedure assigned, a decision, a final
/// decision, a return. The live system records them from the case events (the KPI projection), the simulator from the
/// same engine effects and events, and both compute the KPIs with <see cref="KpiDefinitions"/>, so a simulated and a
/// live figure mean the same thing.
/// </summary>
/// <param name="Workflow">The workflow of a stage or timer fact; the procedure of a procedure fact.</param>
/// <param name="Name">The stage or timer; for a decision or final decision <c>positive</c> or <c>negative</c>.</param>
public sealed record CaseFact(string Case, string Kind, string Workflow, string Name, DateTimeOffset At);

public static class CaseFacts
{
    public const string StageEntered = "stage-entered";
    public const string StageLeft = "stage-left";
    public const string TimerStarted = "deadline-started";
    public const string TimerMet = "deadline-met";
    public const string TimerBreached = "deadline-breached";

    /// <summary>A window (<c>kind: window</c>: a period granted to the person, e.g. to appeal) opened, was used in
    /// time (stopped before it ran out) or elapsed. Recorded, but no limit KPI counts them: a window running out is no
    /// breach by the authority.</summary>
    public const string WindowOpened = "window-opened";
    public const string WindowUsed = "window-used";
    public const string WindowElapsed = "window-elapsed";
    public const string ProcedureAssigned = "procedure-assigned";
    public const string Decision = "decision-issued";
    public const string Final = "decision-final";
    public const string Removed = "removal-executed";
    public const string DepartedVoluntarily = "voluntary-departure";

    public const string Positive = "positive";
    public const string Negative = "negative";

    /// <summary>The fact an engine effect records, or null when no KPI counts it.</summary>
    public static CaseFact? OfEffect(string caseId, string workflow, WorkflowEffect effect, DateTimeOffset at) => effect switch
    {
        global::FastProcedures.Workflows.StageEntered s => new CaseFact(caseId, StageEntered, workflow, s.Stage, at),
        global::FastProcedures.Workflows.StageLeft s => new CaseFact(caseId, StageLeft, workflow, s.Stage, at),
        global::FastProcedures.Workflows.TimerStarted t => new CaseFact(caseId, t.Window ? WindowOpened : TimerStarted, workflow, t.Timer, at),
        global::FastProcedures.Workflows.TimerStopped { Met: true } t => new CaseFact(caseId, t.Window ? WindowUsed : TimerMet, workflow, t.Timer, at),
        global::FastProcedures.Workflows.TimerBreached t => new CaseFact(caseId, TimerBreached, workflow, t.Timer, at),
        global::FastProcedures.Workflows.TimerElapsed t => new CaseFact(caseId, WindowElapsed, workflow, t.Timer, at),
        _ => null,
    };
}

public sealed record TimerKpi(string Workflow, string Timer, int Started, int Met, int Breached);

/// <summary>Days spent in a stage by the stays that ended in the period: median and 90th percentile.</summary>
public sealed record StageKpi(string Workflow, string Stage, int Cases, double MedianDays, double P90Days);

public sealed record DecisionKpi(string Procedure, int Decisions, int Positive, int WithinLimit);

/// <summary>Cases in a stage at each sampled instant.</summary>
public sealed record StageBacklog(string Workflow, string Stage, IReadOnlyList<int> Counts);

/// <summary>The KPIs of the 2023 pilot's stock-taking over one period.</summary>
public sealed record KpiFigures(
    IReadOnlyList<TimerKpi> Timers,
    IReadOnlyList<StageKpi> Stages,
    IReadOnlyList<DecisionKpi> Decisions,
    int FinalNegative,
    int Returned,
    IReadOnlyList<DateTimeOffset> BacklogAt,
    IReadOnlyList<StageBacklog> Backlog)
{
    public double DecisionsWithinLimitShare => KpiDefinitions.Share(Decisions.Sum(d => d.WithinLimit), Decisions.Sum(d => d.Decisions));

    public double ReturnRate => KpiDefinitions.ReturnRate(Returned, FinalNegative);
}

/// <summary>
/// The KPI definitions, in one place for the live dashboard (<c>GET /api/kpis</c>) and the simulator: pure functions
/// over <see cref="CaseFact"/>s.
/// </summary>
public static class KpiDefinitions
{
    /// <summary>Returned (removed or departed voluntarily) per final negative decision.</summary>
    public static double ReturnRate(int returned, int finalNegative) => Share(returned, finalNegative);

    public static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    /// <summary>A decision is within the legal limit when no limit of the case's procedure passed before it (windows
    /// granted to the person, <c>kind: window</c>, are no limits: they never count here).</summary>
    public static bool WithinLimit(bool procedureBreachedBefore) => !procedureBreachedBefore;

    public static double Days(DateTimeOffset entered, DateTimeOffset left) => (left - entered).TotalDays;

    /// <summary>Nearest-rank percentile, rounded to a tenth of a day (sorts <paramref name="values"/>).</summary>
    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        values.Sort();
        var rank = (int)Math.Ceiling(p * values.Count) - 1;
        return Math.Round(values[Math.Clamp(rank, 0, values.Count - 1)], 1);
    }

    /// <summary>
    /// The KPIs of the facts in [<paramref name="from"/>, <paramref name="to"/>): limits (timers of <c>kind: limit</c>;
    /// windows are left out: their facts are <see cref="CaseFacts.WindowOpened"/> and the like), stage stays that ended,
    /// decisions, final negatives and returns dated in the period; the backlog by stage at each of
    /// <paramref name="backlogAt"/>. Facts before the period are read for the state they leave (stages entered,
    /// procedure, breaches).
    /// </summary>
    public static KpiFigures Compute(IEnumerable<CaseFact> facts, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<DateTimeOffset> backlogAt)
    {
        var ordered = facts.OrderBy(f => f.At).ToList();
        var timers = new SortedDictionary<(string, string), int[]>();
        var stays = new SortedDictionary<(string, string), List<double>>();
        var decisions = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        var entered = new Dictionary<(string Case, string Workflow, string Stage), DateTimeOffset>();
        var procedure = new Dictionary<string, string>(StringComparer.Ordinal);
        var breached = new HashSet<(string Case, string Workflow)>();
        var spans = new List<(string Workflow, string Stage, DateTimeOffset From, DateTimeOffset? To)>();
        var open = new Dictionary<(string, string, string), int>();
        int finalNegative = 0, returned = 0;
        foreach (var f in ordered)
        {
            var inPeriod = f.At >= from && f.At < to;
            switch (f.Kind)
            {
                case CaseFacts.StageEntered:
                    entered[(f.Case, f.Workflow, f.Name)] = f.At;
                    open[(f.Case, f.Workflow, f.Name)] = spans.Count;
                    spans.Add((f.Workflow, f.Name, f.At, null));
                    break;
                case CaseFacts.StageLeft:
                    if (entered.Remove((f.Case, f.Workflow, f.Name), out var since) && inPeriod)
                    {
                        List(stays, (f.Workflow, f.Name)).Add(Days(since, f.At));
                    }
                    if (open.Remove((f.Case, f.Workflow, f.Name), out var index))
                    {
                        spans[index] = spans[index] with { To = f.At };
                    }
                    break;
                case CaseFacts.TimerStarted or CaseFacts.TimerMet or CaseFacts.TimerBreached:
                    if (f.Kind == CaseFacts.TimerBreached)
                    {
                        breached.Add((f.Case, f.Workflow));
                    }
                    if (inPeriod)
                    {
                        var counter = timers.TryGetValue((f.Workflow, f.Name), out var c) ? c : timers[(f.Workflow, f.Name)] = new int[3];
                        counter[f.Kind == CaseFacts.TimerStarted ? 0 : f.Kind == CaseFacts.TimerMet ? 1 : 2]++;
                    }
                    break;
                case CaseFacts.ProcedureAssigned:
                    procedure[f.Case] = f.Workflow;
                    break;
                case CaseFacts.Decision when inPeriod:
                    var assigned = procedure.GetValueOrDefault(f.Case, "none");
                    var counts = decisions.TryGetValue(assigned, out var d) ? d : decisions[assigned] = new int[3];
                    counts[0]++;
                    counts[1] += f.Name == CaseFacts.Positive ? 1 : 0;
                    counts[2] += WithinLimit(breached.Contains((f.Case, assigned))) ? 1 : 0;
                    break;
                case CaseFacts.Final when inPeriod && f.Name == CaseFacts.Negative:
                    finalNegative++;
                    break;
                case CaseFacts.Removed or CaseFacts.DepartedVoluntarily when inPeriod:
                    returned++;
                    break;
            }
        }
        var backlog = spans.GroupBy(s => (s.Workflow, s.Stage)).OrderBy(g => g.Key.Workflow, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Stage, StringComparer.Ordinal)
            .Select(g => new StageBacklog(g.Key.Workflow, g.Key.Stage,
                backlogAt.Select(at => g.Count(s => s.From <= at && (s.To is null || s.To > at))).ToList()))
            .Where(b => b.Counts.Any(c => c > 0))
            .ToList();
        return new KpiFigures(
            timers.Select(t => new TimerKpi(t.Key.Item1, t.Key.Item2, t.Value[0], t.Value[1], t.Value[2])).ToList(),
            stays.Select(s => new StageKpi(s.Key.Item1, s.Key.Item2, s.Value.Count, Percentile(s.Value, 0.5), Percentile(s.Value, 0.9))).ToList(),
            decisions.Select(d => new DecisionKpi(d.Key, d.Value[0], d.Value[1], d.Value[2])).ToList(),
            finalNegative, returned, backlogAt, backlog);
    }

    private static List<double> List(SortedDictionary<(string, string), List<double>> lists, (string, string) key) =>
        lists.TryGetValue(key, out var list) ? list : lists[key] = [];
}
