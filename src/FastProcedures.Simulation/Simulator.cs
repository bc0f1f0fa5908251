using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Kpis;

namespace FastProcedures.Simulation;

/// <summary>
/// A discrete-event simulation of one asylum and return system on a virtual clock, in memory and deterministic for a
/// seed. Cases arrive, wait for staff of their unit (served by legal urgency: the earliest running deadline first),
/// are routed by the real routing data and run through the real definitions with the engine's <c>Decide</c>; due
/// deadlines are delivered at their instants, so every warning, breach and kept limit is the engine's own.
/// </summary>
public sealed class Simulator
{
    private const string Reception = "reception";
    private const string Asylum = "asylum";
    private const string Return = "return";

    private readonly Scenario _scenario;
    private readonly WorkflowRegistry _registry;
    private readonly CountryCalendar _calendar;
    private readonly DecisionContext _context;
    private readonly WorkClock _work;
    private readonly Random _random;
    private readonly PriorityQueue<Action, (DateTimeOffset At, long Sequence)> _agenda = new();
    private readonly Dictionary<string, UnitPool> _units;
    private readonly Metrics _metrics = new();
    private readonly double[] _mixCumulative;
    private readonly Dictionary<int, int> _seatsTaken = [];
    private long _sequence;
    private int _detained;
    private DateTimeOffset _now;

    public Simulator(Scenario scenario, WorkflowRegistry registry, int seed)
    {
        if (registry.Data is null)
        {
            throw new ScenarioException($"{registry.Directory}: no data/ folder with the routing rules the simulation routes by");
        }
        if (scenario.Start < registry.Data.Routing.AppliesFrom)
        {
            throw new ScenarioException(
                $"scenario {scenario.Id}: start {scenario.Start:yyyy-MM-dd} is before the Pact procedures apply ({registry.Data.Routing.AppliesFrom:yyyy-MM-dd})");
        }
        _scenario = scenario;
        _registry = registry;
        _calendar = registry.Calendar(scenario.Country);
        _context = new DecisionContext(_calendar);
        _work = new WorkClock(_calendar, scenario.Staff.HoursPerDay);
        _random = new Random(seed);
        _units = new Dictionary<string, UnitPool>
        {
            [Reception] = new(Reception, scenario.Staff.Reception),
            [Asylum] = new(Asylum, scenario.Staff.Asylum),
            [Return] = new(Return, scenario.Staff.Return),
        };
        var total = scenario.Nationalities.Sum(n => n.Share);
        var running = 0.0;
        _mixCumulative = scenario.Nationalities.Select(n => running += n.Share / total).ToArray();
    }

    /// <summary>Receives each KPI fact of the simulated cases as it happens (the facts the live KPI projection
    /// records), for comparing the simulator's figures with <see cref="KpiDefinitions.Compute"/>.</summary>
    public Action<CaseFact>? Observe { get; init; }

    private void Fact(SimCase c, string kind, string workflow = "", string name = "") =>
        Observe?.Invoke(new CaseFact(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), kind, workflow, name, _now));

    public SimulationResult Run(IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var start = _work.StartOf(_scenario.Start);
        var end = _work.StartOf(_scenario.Start.AddDays(_scenario.Days));
        ScheduleArrivals(start);
        for (var day = 0; day <= _scenario.Days; day++)
        {
            var sampleAt = _work.StartOf(_scenario.Start.AddDays(day));
            var index = day;
            At(sampleAt, () => Sample(index));
        }
        var lastReported = -1;
        while (_agenda.TryDequeue(out var action, out var key))
        {
            if (key.At > end)
            {
                break;
            }
            _now = key.At;
            action();
            var percent = (int)((_now - start).TotalHours * 100 / (end - start).TotalHours);
            if (percent != lastReported)
            {
                lastReported = percent;
                progress?.Report(percent / 100.0);
                cancellation.ThrowIfCancellationRequested();
            }
        }
        progress?.Report(1.0);
        return _metrics.Result(_scenario, end);
    }

    // ---- arrivals -----------------------------------------------------------------------------------------------

    private void ScheduleArrivals(DateTimeOffset start)
    {
        var monthWeights = _scenario.Seasonal;
        var mean = monthWeights.Average();
        var id = 0;
        for (var day = 0; day < _scenario.Days; day++)
        {
            var date = _scenario.Start.AddDays(day);
            var rate = _scenario.PerYear / 365.0 * monthWeights[date.Month - 1] / mean
                * _scenario.Surges.Where(s => date >= s.From && date <= s.To).Aggregate(1.0, (f, s) => f * s.Factor);
            var count = Poisson(rate);
            var dayStart = _work.StartOf(date);
            for (var i = 0; i < count; i++)
            {
                var made = dayStart.AddMinutes(_random.Next(24 * 60));
                var caseId = ++id;
                At(made, () => Arrive(caseId));
            }
        }
    }

    private void Arrive(int id)
    {
        var nationality = _scenario.Nationalities[Pick(_mixCumulative)];
        var c = new SimCase(id, nationality.Code, _random.NextDouble() < _scenario.BorderShare, _now)
        {
            Recognition = nationality.Recognition ?? (double)(_registry.Data!.RecognitionRates.RateOf(nationality.Code) ?? 30m) / 100.0,
            SecurityGrounds = _random.NextDouble() < _scenario.Rate("security-grounds"),
            MisledAuthorities = _random.NextDouble() < _scenario.Rate("misled-authorities"),
            UnaccompaniedMinor = _random.NextDouble() < _scenario.Rate("unaccompanied-minors"),
        };
        _metrics.Arrived++;
        Feed(c, c.Asylum, "ApplicationMade", Data(("place", c.Border ? "border" : "territory"), ("nationality", c.Nationality)),
            start: "screening");
        if (_random.NextDouble() < _scenario.Rate("absconding"))
        {
            // Absconding before the first-instance decision, some days after the application (APR Art. 41).
            var after = TimeSpan.FromDays(2 + _random.NextDouble() * 40);
            At(_now + after, () => Abscond(c));
        }
        Enqueue(c, Reception, "screening", ScreeningDone);
    }

    // ---- reception ----------------------------------------------------------------------------------------------

    private void ScreeningDone(SimCase c)
    {
        Feed(c, c.Asylum, "BiometricsTaken", Data());
        Feed(c, c.Asylum, "ScreeningCompleted", Data(("referral", "asylum"), ("security_check", c.SecurityGrounds ? "concerns" : "clear")));
        Enqueue(c, Reception, "registration", Registered);
    }

    private void Registered(SimCase c)
    {
        Feed(c, c.Asylum, "ApplicationRegistered", Data());
        var facts = new ApplicationFacts(_scenario.Country, c.Border ? Place.Border : Place.Territory, c.Nationality,
            c.SecurityGrounds, c.MisledAuthorities, SubsequentApplication.None, c.UnaccompaniedMinor, false, false,
            _work.LocalDate(_now));
        var routing = ProcedureRouter.Route(facts, _registry.Data!.Routing, _registry.Data.RecognitionRates);
        c.Procedure = routing.Procedure ?? throw new ScenarioException($"routing names no procedure for {facts}");
        c.Ground = routing.Ground;
        Fact(c, CaseFacts.ProcedureAssigned, c.Procedure);
        Feed(c, c.Asylum, "ProcedureAssigned",
            Data(("procedure", c.Procedure), ("ground", routing.Ground), ("legal_basis", routing.LegalBasis), ("place", c.Border ? "border" : "territory")),
            start: c.Procedure);
        if (Crisis(_work.LocalDate(_now)) is { } crisis)
        {
            // A case registered in a crisis period gets the derogations of the Council's implementing decision (CFMR).
            Feed(c, c.Asylum, "CrisisDerogationApplied", Data(("crisis_id", crisis.Type), ("crisis_type", crisis.Type), ("covers_case", true)));
            c.Crisis = crisis;
        }
        // The application is lodged with the asylum unit the next working day (APR Art. 28).
        At(_work.NextWorkingDay(_now), () =>
        {
            Feed(c, c.Asylum, "ApplicationLodged", Data());
            if (!c.Absconded)
            {
                Enqueue(c, Asylum, "interview", Interviewed);
            }
        });
    }

    // ---- asylum -------------------------------------------------------------------------------------------------

    private void Interviewed(SimCase c)
    {
        Feed(c, c.Asylum, "InterviewHeld", Data());
        Enqueue(c, Asylum, "decision", Decided);
    }

    private void Abscond(SimCase c)
    {
        if (c.Decided)
        {
            return;
        }
        c.Absconded = true;
        _metrics.Absconded++;
        Feed(c, c.Asylum, "ApplicantAbsconded", Data());
        foreach (var unit in _units.Values)
        {
            unit.Withdraw(c);
        }
        if (c.Procedure is not null && c.Asylum.Count > 0)
        {
            // Implicit withdrawal (APR Art. 41): a caseworker closes the examination with a decision.
            Enqueue(c, Asylum, "decision", Decided, urgent: true);
        }
        else
        {
            c.Waiting = Wait.Absconded;
        }
    }

    private void Decided(SimCase c)
    {
        if (c.Decided)
        {
            return;
        }
        c.Decided = true;
        var positive = !c.Absconded && _random.NextDouble() < c.Recognition;
        var outcome = c.Absconded ? "implicitly-withdrawn"
            : positive ? "granted-subsidiary"
            : c.Ground?.StartsWith("APR Art. 38", StringComparison.Ordinal) == true ? "inadmissible"
            : c.Ground is not null ? "rejected-manifestly-unfounded"
            : "rejected-unfounded";
        var withinLimit = KpiDefinitions.WithinLimit(c.Breached(c.Procedure));
        _metrics.Decision(c.Procedure ?? "none", positive, withinLimit);
        Fact(c, CaseFacts.Decision, name: positive ? CaseFacts.Positive : CaseFacts.Negative);
        Feed(c, c.Asylum, "DecisionIssued", Data(("outcome", outcome), ("negative", !positive)));
        if (positive)
        {
            c.Waiting = Wait.None;
            return;
        }
        // The return decision is issued with the rejection (APR Art. 37; the 2023 pilot's joint decision).
        c.VoluntaryDeparture = !c.Absconded && _random.NextDouble() < _scenario.Rate("voluntary-departure");
        // After a rejection in a border procedure the return border procedure applies (RBPR Art. 4).
        var border = c.Asylum[c.Procedure!].Definition.Place == "border";
        var returnFlow = border ? "return-border-procedure" : "return-procedure";
        Feed(c, c.Return, "ReturnCaseOpened", Data(("border_procedure", border)), start: returnFlow);
        if (c.Crisis is { } crisis)
        {
            Feed(c, c.Return, "CrisisDerogationApplied", Data(("crisis_id", crisis.Type), ("crisis_type", crisis.Type), ("covers_case", true)));
        }
        Feed(c, c.Return, "ReturnDecisionIssued", Data(("voluntary_departure", c.VoluntaryDeparture), ("joint_with_asylum_decision", true)));
        _metrics.ReturnDecisions++;
        // The appeal window and whether an appeal suspends removal are the procedure definition's (APR Art. 67-68).
        var procedure = c.Asylum[c.Procedure!].Definition;
        var window = procedure.AppealWindowIn(_calendar.Parameters) ?? LegalPeriod.Parse("P1W");
        c.AppealSuspends = procedure.AppealSuspendsRemoval;
        var windowEnds = LegalClock.Expiry(_now, window, _calendar).ExpiresAt;
        if (!c.Absconded && _random.NextDouble() < _scenario.Rate("appeal"))
        {
            var lodged = _now + (windowEnds - _now) * _random.NextDouble();
            At(lodged, () => AppealLodged(c));
        }
        else
        {
            // No appeal in time: the appeal-deadline timer passes and the asylum unit records the decision final.
            At(_work.NextWorkingDay(windowEnds), () => BecameFinal(c, negative: true));
        }
        c.Waiting = c.Absconded ? Wait.Absconded : Wait.AppealWindow;
    }

    private void AppealLodged(SimCase c)
    {
        _metrics.Appeals++;
        Feed(c, c.Asylum, "AppealLodged", Data(("suspensive_effect", c.AppealSuspends)));
        c.Waiting = Wait.Court;
        var days = Lognormal(_scenario.Tasks.GetValueOrDefault("appeal-days") ?? new Duration(30, 10));
        At(_now + TimeSpan.FromDays(days), () =>
        {
            var upheld = _random.NextDouble() < _scenario.Rate("appeal-upheld");
            Feed(c, c.Asylum, "AppealDecided", Data(("outcome", upheld ? "upheld" : "dismissed")));
            BecameFinal(c, negative: !upheld);
        });
    }

    private void BecameFinal(SimCase c, bool negative)
    {
        Feed(c, c.Asylum, "DecisionBecameFinal", Data(("negative", negative)));
        if (!negative)
        {
            Feed(c, c.Return, "ReturnCaseClosed", Data(("reason", "appeal-upheld")));
            c.Waiting = Wait.None;
            return;
        }
        _metrics.FinalNegative++;
        Fact(c, CaseFacts.Final, name: CaseFacts.Negative);
        if (c.Absconded)
        {
            c.Waiting = Wait.Absconded;
            return;
        }
        if (c.VoluntaryDeparture)
        {
            var days = 3 + _random.NextDouble() * 12;
            At(_now + TimeSpan.FromDays(days), () =>
            {
                Feed(c, c.Return, "VoluntaryDepartureConfirmed", Data());
                _metrics.DepartedVoluntarily++;
                Fact(c, CaseFacts.DepartedVoluntarily);
                c.Waiting = Wait.None;
            });
            return;
        }
        Enqueue(c, Return, "return-decision", BookRemoval);
    }

    // ---- return -------------------------------------------------------------------------------------------------

    private void BookRemoval(SimCase c)
    {
        // The first week with a free seat and enough escorts (the week's flights leave on its Wednesday).
        var week = (int)((_now - _work.StartOf(_scenario.Start)).TotalDays / 7) + 1;
        var perWeek = _scenario.Removal.PerWeek;
        if (perWeek == 0)
        {
            c.Waiting = Wait.RemovalCapacity;
            return;
        }
        while (_seatsTaken.GetValueOrDefault(week) >= perWeek)
        {
            week++;
        }
        _seatsTaken[week] = _seatsTaken.GetValueOrDefault(week) + 1;
        var flight = _work.StartOf(_scenario.Start.AddDays(week * 7 + 2)).AddHours(6);
        c.Waiting = Wait.RemovalCapacity;
        // Detention to secure the removal (RD Art. 15) from a week before the flight, when a place is free.
        var detainFrom = flight.AddDays(-7) > _now ? flight.AddDays(-7) : _now;
        At(detainFrom, () =>
        {
            if (_detained < _scenario.DetentionPlaces)
            {
                _detained++;
                c.Detained = true;
                Feed(c, c.Return, "DetentionOrdered", Data(("grounds", "risk-of-absconding")));
            }
            else
            {
                _metrics.DetentionRefused++;
                c.Waiting = Wait.DetentionPlaces;
            }
        });
        At(flight, () => Removed(c));
    }

    private void Removed(SimCase c)
    {
        if (c.Detained)
        {
            _detained--;
            c.Detained = false;
        }
        Feed(c, c.Return, "RemovalExecuted", Data());
        _metrics.Removed++;
        Fact(c, CaseFacts.Removed);
        c.Waiting = Wait.None;
    }

    // ---- staff --------------------------------------------------------------------------------------------------

    private void Enqueue(SimCase c, string unit, string task, Action<SimCase> done, bool urgent = false)
    {
        c.Waiting = unit switch { Reception => Wait.Reception, Asylum => Wait.AsylumUnit, _ => Wait.ReturnUnit };
        var pool = _units[unit];
        var urgency = urgent ? DateTimeOffset.MinValue : c.Urgency();
        pool.Queue.Enqueue(new WorkItem(c, task, done), (urgency, ++_sequence));
        StartWork(pool);
    }

    private void StartWork(UnitPool pool)
    {
        while (pool.Busy < pool.Staff && pool.Queue.TryDequeue(out var item, out _))
        {
            if (item.Case.Withdrawn(pool.Unit, item.Task))
            {
                continue;
            }
            pool.Busy++;
            var hours = Lognormal(_scenario.Tasks[item.Task]);
            At(_work.Add(_now, hours), () =>
            {
                pool.Busy--;
                item.Done(item.Case);
                StartWork(pool);
            });
        }
    }

    // ---- engine -------------------------------------------------------------------------------------------------

    /// <summary>One case event through every running workflow of that side of the case, then the workflow it starts.</summary>
    private void Feed(SimCase c, Dictionary<string, Instance> flows, string type, Dictionary<string, object?> data, string? start = null)
    {
        var input = new WorkflowEvent(type, data);
        foreach (var instance in flows.Values)
        {
            if (instance.Finished)
            {
                continue;
            }
            Apply(c, instance, WorkflowEngine.Decide(instance.Definition, instance.State, input, _now, _context));
        }
        if (start is not null && !flows.ContainsKey(start))
        {
            var definition = _registry.InForceOn(start, _work.LocalDate(c.MadeAt));
            var instance = new Instance(definition);
            flows[start] = instance;
            Apply(c, instance, WorkflowEngine.Decide(definition, WorkflowState.Initial,
                new WorkflowEvent(WorkflowEvents.WorkflowStarted, data), _now, _context));
        }
    }

    private void Wake(SimCase c, Instance instance, string timer, int generation)
    {
        if (instance.Finished || !instance.State.Timers.TryGetValue(timer, out var state)
            || state.Generation != generation || state.Status != TimerStatus.Running)
        {
            return;
        }
        Apply(c, instance, WorkflowEngine.Decide(instance.Definition, instance.State, WorkflowEvent.Deadline(timer, generation), _now, _context));
    }

    private void Apply(SimCase c, Instance instance, IReadOnlyList<WorkflowEffect> effects)
    {
        instance.State = instance.State.ApplyAll(effects);
        var flow = instance.Definition.Id;
        foreach (var effect in effects)
        {
            if (Observe is not null && CaseFacts.OfEffect(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), flow, effect, _now) is { } fact)
            {
                Observe(fact);
            }
            switch (effect)
            {
                case TimerStarted t:
                    _metrics.TimerStarted(flow, t.Timer, t.LegalBasis);
                    Schedule(c, instance, t.Timer, t.Generation, t.Schedule);
                    break;
                case TimerResumed t:
                    Schedule(c, instance, t.Timer, t.Generation, t.Schedule);
                    break;
                case TimerExtended t:
                    Schedule(c, instance, t.Timer, t.Generation, t.Schedule);
                    break;
                case TimerRescheduled t:
                    Schedule(c, instance, t.Timer, t.Generation, t.Schedule);
                    break;
                case TimerStopped t:
                    if (t.Met)
                    {
                        _metrics.TimerMet(flow, t.Timer);
                    }
                    break;
                case TimerBreached t:
                    instance.Breached = true;
                    _metrics.TimerBreached(flow, t.Timer, c.Waiting);
                    break;
                case StageEntered s:
                    instance.StageSince = _now;
                    break;
                case StageLeft s:
                    _metrics.StageTime(flow, s.Stage, KpiDefinitions.Days(instance.StageSince, _now));
                    break;
            }
        }
        if (instance.State.Stage is { } stage && instance.Definition.Stage(stage).Final)
        {
            instance.Finished = true;
        }
    }

    private void Schedule(SimCase c, Instance instance, string timer, int generation, TimerSchedule schedule)
    {
        if (schedule.WarnAt is { } warn && warn > _now)
        {
            At(warn, () => Wake(c, instance, timer, generation));
        }
        At(schedule.ExpiresAt, () => Wake(c, instance, timer, generation));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private CrisisSpan? Crisis(DateOnly date) => _scenario.Crisis.FirstOrDefault(span => date >= span.From && date <= span.To);

    private void Sample(int day)
    {
        foreach (var pool in _units.Values)
        {
            _metrics.Backlog(pool.Unit, day, pool.Queue.Count + pool.Busy);
        }
        _metrics.DetentionUse(day, _detained);
    }

    private void At(DateTimeOffset at, Action action) => _agenda.Enqueue(action, (at < _now ? _now : at, ++_sequence));

    private int Pick(double[] cumulative)
    {
        var x = _random.NextDouble();
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private int Poisson(double mean)
    {
        if (mean > 50)
        {
            // Normal approximation for large daily inflows (EU scale).
            return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian()));
        }
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = _random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= _random.NextDouble();
        }
        return k;
    }

    private double Lognormal(Duration d)
    {
        if (d.Sd <= 0)
        {
            return d.Mean;
        }
        var sigma2 = Math.Log(1 + d.Sd * d.Sd / (d.Mean * d.Mean));
        var mu = Math.Log(d.Mean) - sigma2 / 2;
        return Math.Exp(mu + Math.Sqrt(sigma2) * Gaussian());
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static Dictionary<string, object?> Data(params (string Key, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value);

    private sealed record WorkItem(SimCase Case, string Task, Action<SimCase> Done);

    private sealed class UnitPool(string unit, int staff)
    {
        public string Unit { get; } = unit;
        public int Staff { get; } = staff;
        public int Busy { get; set; }
        public PriorityQueue<WorkItem, (DateTimeOffset, long)> Queue { get; } = new();

        /// <summary>An absconded applicant's waiting interview is dropped when a caseworker reaches it.</summary>
        public void Withdraw(SimCase c) => c.WithdrawnFrom.Add(Unit);
    }

    private sealed class Instance(WorkflowDefinition definition)
    {
        public WorkflowDefinition Definition { get; } = definition;
        public WorkflowState State { get; set; } = WorkflowState.Initial;
        public DateTimeOffset StageSince { get; set; }
        public bool Finished { get; set; }
        public bool Breached { get; set; }
    }

    private sealed class SimCase(int id, string nationality, bool border, DateTimeOffset madeAt)
    {
        public int Id { get; } = id;
        public string Nationality { get; } = nationality;
        public bool Border { get; } = border;
        public DateTimeOffset MadeAt { get; } = madeAt;
        public double Recognition { get; init; }
        public bool SecurityGrounds { get; init; }
        public bool MisledAuthorities { get; init; }
        public bool UnaccompaniedMinor { get; init; }
        public string? Procedure { get; set; }
        public string? Ground { get; set; }
        public CrisisSpan? Crisis { get; set; }
        public bool Absconded { get; set; }
        public bool Decided { get; set; }
        public bool Detained { get; set; }
        public bool VoluntaryDeparture { get; set; }
        public bool AppealSuspends { get; set; }
        public Wait Waiting { get; set; }
        public HashSet<string> WithdrawnFrom { get; } = [];
        public Dictionary<string, Instance> Asylum { get; } = [];
        public Dictionary<string, Instance> Return { get; } = [];

        /// <summary>Legal urgency as the work queue orders it: the earliest expiry of a running deadline.</summary>
        public DateTimeOffset Urgency()
        {
            var earliest = DateTimeOffset.MaxValue;
            foreach (var (_, instance) in Asylum)
            {
                earliest = Earliest(instance, earliest);
            }
            foreach (var (_, instance) in Return)
            {
                earliest = Earliest(instance, earliest);
            }
            return earliest;

            static DateTimeOffset Earliest(Instance instance, DateTimeOffset earliest)
            {
                foreach (var (_, timer) in instance.State.Timers)
                {
                    if (timer.Status == TimerStatus.Running && timer.ExpiresAt < earliest)
                    {
                        earliest = timer.ExpiresAt;
                    }
                }
                return earliest;
            }
        }

        public bool Breached(string? procedure) => procedure is not null && Asylum.TryGetValue(procedure, out var i) && i.Breached;

        /// <summary>Interviews of an absconded applicant are not held; the implicit-withdrawal decision still is.</summary>
        public bool Withdrawn(string unit, string task) => Absconded && WithdrawnFrom.Contains(unit) && task != "decision"
            || Absconded && task == "decision" && Decided;
    }
}

/// <summary>What a case was waiting for when a deadline passed: the cause a breach is put down to.</summary>
public enum Wait
{
    None,
    Reception,
    AsylumUnit,
    ReturnUnit,
    AppealWindow,
    Court,
    DetentionPlaces,
    RemovalCapacity,
    Absconded,
}
