using FastProcedures.Cases;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Asylum.RecordingWhereabouts;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using FastProcedures.Cases.Running;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Crisis;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Routing;
using FastProcedures.Workflows.Kpis;

namespace FastProcedures.Simulation;

/// <summary>
/// A discrete-event simulation of one asylum and return system on a virtual clock, in memory and deterministic for a
/// seed. Cases arrive, wait for staff of their unit (served by legal urgency: the earliest running deadline first),
/// and each step is the units' real command sent to the in-memory <see cref="CaseRunner"/>: the same use-case
/// decisions, routing data, definitions and engine as production, the messages between units (the linked return case)
/// followed as their handlers do, and due deadlines delivered at their instants, so every warning, breach and kept
/// limit is the engine's own.
/// </summary>
public sealed class Simulator
{
    private const string Reception = FastProcedures.Cases.Reception.ReceptionConfiguration.Unit;
    private const string Asylum = FastProcedures.Cases.Asylum.AsylumConfiguration.Unit;
    private const string Return = FastProcedures.Cases.Return.ReturnConfiguration.Unit;

    private readonly Scenario _scenario;
    private readonly WorkflowRegistry _registry;
    private readonly CountryCalendar _calendar;
    private readonly CaseRunner _runner;
    private readonly Dictionary<string, SimCase> _cases = new(StringComparer.Ordinal);
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
        // The scenario's hypothetical crisis periods stand in for the declared ones of workflows/data.
        var crises = new CrisisPeriods(0, scenario.Crisis
            .Select(span => new CrisisPeriod(CrisisId(span), scenario.Country, "scenario", span.From, span.To, []) { Type = span.Type })
            .ToList());
        _runner = new CaseRunner(new WorkflowCatalog(registry) { Crises = crises }) { KeepTimeline = false, Recorded = OnRecorded };
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
        Observe?.Invoke(new CaseFact(c.Id, kind, workflow, name, _now));

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
            // The deadline messages due meanwhile fire first, while each case still waits for what it waited for.
            _runner.AdvanceTo(key.At);
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
        _runner.AdvanceTo(end);
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
        var c = new SimCase($"{_scenario.Country}-SIM-{id:0000000}", nationality.Code, _random.NextDouble() < _scenario.BorderShare)
        {
            Recognition = nationality.Recognition ?? (double)(_registry.Data!.RecognitionRates.RateOf(nationality.Code) ?? 30m) / 100.0,
            SecurityGrounds = _random.NextDouble() < _scenario.Rate("security-grounds"),
            MisledAuthorities = _random.NextDouble() < _scenario.Rate("misled-authorities"),
            UnaccompaniedMinor = _random.NextDouble() < _scenario.Rate("unaccompanied-minors"),
        };
        _cases[c.Id] = c;
        _cases[c.ReturnId] = c;
        _metrics.Arrived++;
        Send(new MakeApplication(c.Id, _scenario.Country, c.Border ? ApplicationPlace.Border : ApplicationPlace.Territory,
            "simulated", c.Nationality, false, new PersonalDetails("Simulated applicant", null, null), Actor));
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
        Send(new TakeBiometrics(c.Id, null, "simulated", Actor));
        Send(new CompleteScreening(c.Id, null, true, true, null,
            c.SecurityGrounds ? SecurityCheckOutcome.Hit : SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, Actor));
        Enqueue(c, Reception, "registration", Registered);
    }

    private void Registered(SimCase c)
    {
        // Routed by the routing data as the reception unit's register-and-route does (APR Arts. 42, 45).
        Send(new RegisterAndRoute(c.Id, null, c.SecurityGrounds, c.MisledAuthorities, SubsequentApplication.None,
            c.UnaccompaniedMinor, false, false, Actor));
        c.Procedure = _runner.AsylumCases[c.Id].Procedure
            ?? throw new ScenarioException($"case {c.Id}: registration assigned no procedure");
        Fact(c, CaseFacts.ProcedureAssigned, c.Procedure);
        var madeOn = _work.LocalDate(_runner.AsylumCases[c.Id].MadeAt);
        if (Crisis(madeOn) is { } crisis)
        {
            // An application made in a crisis period gets the derogations of the Council's implementing decision
            // (CFMR Art. 10(1), 11(1)).
            Send(new ApplyCrisisDerogation(c.Id, null, CrisisId(crisis), true, [], Actor));
        }
        // The application is lodged with the asylum unit the next working day (APR Art. 28).
        At(_work.NextWorkingDay(_now), () =>
        {
            Send(new LodgeApplication(c.Id, null, Actor));
            if (!c.Absconded)
            {
                Enqueue(c, Asylum, "interview", Interviewed);
            }
        });
    }

    // ---- asylum -------------------------------------------------------------------------------------------------

    private void Interviewed(SimCase c)
    {
        if (c.Decided)
        {
            return;
        }
        Send(new HoldInterview(c.Id, null, Actor));
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
        Send(new RecordAbsconding(c.Id, null, Actor));
        foreach (var unit in _units.Values)
        {
            unit.Withdraw(c);
        }
        if (c.Procedure is not null)
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
        var outcome = c.Absconded ? DecisionOutcome.ImplicitlyWithdrawn
            : positive ? DecisionOutcome.GrantedSubsidiary
            : c.Ground?.StartsWith("APR Art. 38", StringComparison.Ordinal) == true ? DecisionOutcome.Inadmissible
            : c.Ground is not null ? DecisionOutcome.RejectedManifestlyUnfounded
            : DecisionOutcome.RejectedUnfounded;
        var withinLimit = KpiDefinitions.WithinLimit(c.BreachedFlows.Contains(c.Procedure!));
        _metrics.Decision(c.Procedure ?? "none", positive, withinLimit);
        Fact(c, CaseFacts.Decision, name: positive ? CaseFacts.Positive : CaseFacts.Negative);
        // The return decision is issued with the rejection (APR Art. 37; the 2023 pilot's joint decision); the return
        // unit opens the linked case on the decision's message, in the return border procedure after a border
        // procedure (RBPR Art. 4), as the definitions and the handlers say.
        c.VoluntaryDeparture = !positive && !c.Absconded && _random.NextDouble() < _scenario.Rate("voluntary-departure");
        Send(new IssueDecision(c.Id, null, outcome, new DecisionReason(c.Ground ?? "APR Art. 35", "simulated"), "APR Art. 35",
            Actor, positive ? null : new JointReturnDecision(c.VoluntaryDeparture ? 30 : 0, "RD Art. 6(6)", "simulated")));
        if (positive)
        {
            c.Waiting = Wait.None;
            return;
        }
        _metrics.ReturnDecisions++;
        // The appeal window and whether an appeal suspends removal were recorded with the decision (APR Art. 67-68).
        var decision = _runner.AsylumCases[c.Id].Decision!;
        var windowEnds = decision.AppealWindowEndsAt ?? _now;
        if (!c.Absconded && _random.NextDouble() < _scenario.Rate("appeal"))
        {
            var lodged = _now + (windowEnds - _now) * _random.NextDouble();
            At(lodged, () => AppealLodged(c));
        }
        else
        {
            // No appeal in time: the appeal-deadline timer passes and the asylum unit records the decision final.
            At(_work.NextWorkingDay(windowEnds), () => BecameFinal(c));
        }
        c.Waiting = c.Absconded ? Wait.Absconded : Wait.AppealWindow;
    }

    private void AppealLodged(SimCase c)
    {
        _metrics.Appeals++;
        Send(new LodgeAppeal(c.Id, null, "administrative court", null, Actor));
        c.Waiting = Wait.Court;
        var days = Lognormal(_scenario.Tasks.GetValueOrDefault("appeal-days") ?? new Duration(30, 10));
        At(_now + TimeSpan.FromDays(days), () =>
        {
            var upheld = _random.NextDouble() < _scenario.Rate("appeal-upheld");
            // A dismissal makes the decision final; an upheld appeal closes the linked return case (its handler).
            Send(new DecideAppeal(c.Id, null, upheld ? AppealOutcome.Upheld : AppealOutcome.Dismissed, Actor));
            if (upheld)
            {
                c.Waiting = Wait.None;
                return;
            }
            Negative(c);
        });
    }

    private void BecameFinal(SimCase c)
    {
        Send(new RecordFinalDecision(c.Id, null, Actor));
        Negative(c);
    }

    private void Negative(SimCase c)
    {
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
                Send(new ConfirmVoluntaryDeparture(c.ReturnId, null, Actor));
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
        Send(new ScheduleRemoval(c.ReturnId, null, _work.LocalDate(flight), "charter", $"W{week}", 2, Actor));
        c.Waiting = Wait.RemovalCapacity;
        // Detention to secure the removal (RD Art. 15) from a week before the flight, when a place is free.
        var detainFrom = flight.AddDays(-7) > _now ? flight.AddDays(-7) : _now;
        At(detainFrom, () =>
        {
            if (_detained < _scenario.DetentionPlaces)
            {
                _detained++;
                c.Detained = true;
                Send(new OrderDetention(c.ReturnId, null, "removal centre", "RD Art. 15(1)(a): risk of absconding", Actor));
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
        Send(new ExecuteRemoval(c.ReturnId, null, Actor));
        _metrics.Removed++;
        Fact(c, CaseFacts.Removed);
        c.Waiting = Wait.None;
    }

    // ---- staff --------------------------------------------------------------------------------------------------

    private void Enqueue(SimCase c, string unit, string task, Action<SimCase> done, bool urgent = false)
    {
        c.Waiting = unit switch { Reception => Wait.Reception, Asylum => Wait.AsylumUnit, _ => Wait.ReturnUnit };
        var pool = _units[unit];
        var urgency = urgent ? DateTimeOffset.MinValue : Urgency(c);
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

    // ---- cases --------------------------------------------------------------------------------------------------

    /// <summary>Who acts in the simulation, in every <c>…By</c> field.</summary>
    private const string Actor = "simulation";

    /// <summary>A unit's command through the production decision. A refusal means the simulation's model of the
    /// units disagrees with the use cases: it stops the run with the reason rather than being skipped.</summary>
    private void Send(object command)
    {
        try
        {
            _runner.Send(command, _now);
        }
        catch (CaseCommandRefused refused)
        {
            throw new InvalidOperationException($"simulation: {command.GetType().Name} was refused at {_now:O}: {refused.Message}", refused);
        }
    }

    /// <summary>The figures come from what the cases record: every engine effect of every workflow.</summary>
    private void OnRecorded(string caseId, object e)
    {
        var c = _cases[caseId];
        if (e is ProcedureAssigned assigned)
        {
            c.Ground = assigned.Ground;
            return;
        }
        if (e is not IWorkflowStep step)
        {
            return;
        }
        var flow = step.Workflow;
        // One case in the KPIs, as the simulator counts it: the return case's effects under the asylum case's id.
        if (Observe is not null && CaseFacts.OfEffect(c.Id, flow, step.Effect, step.At) is { } fact)
        {
            Observe(fact);
        }
        switch (step.Effect)
        {
            // Windows granted to the person (kind: window) are no limits: the timer figures leave them out.
            case TimerStarted { Window: false } t:
                _metrics.TimerStarted(flow, t.Timer, t.LegalBasis);
                break;
            case TimerStopped { Met: true, Window: false } t:
                _metrics.TimerMet(flow, t.Timer);
                break;
            case TimerBreached t:
                c.BreachedFlows.Add(flow);
                _metrics.TimerBreached(flow, t.Timer, c.Waiting);
                break;
            case StageEntered:
                c.StageSince[flow] = step.At;
                break;
            case StageLeft s:
                _metrics.StageTime(flow, s.Stage, KpiDefinitions.Days(c.StageSince.GetValueOrDefault(flow, step.At), step.At));
                break;
        }
    }

    /// <summary>Legal urgency as the work queue orders it: the earliest expiry of a running deadline of the case.</summary>
    private DateTimeOffset Urgency(SimCase c)
    {
        var earliest = DateTimeOffset.MaxValue;
        foreach (var workflows in new[] { _runner.AsylumCases.GetValueOrDefault(c.Id)?.Workflows, _runner.ReturnCases.GetValueOrDefault(c.ReturnId)?.Workflows })
        {
            foreach (var instance in workflows?.Instances.Values ?? [])
            {
                foreach (var timer in instance.State.Timers.Values)
                {
                    if (timer.Status == TimerStatus.Running && timer.ExpiresAt < earliest)
                    {
                        earliest = timer.ExpiresAt;
                    }
                }
            }
        }
        return earliest;
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private static string CrisisId(CrisisSpan span) => $"scenario-{span.Type}-{span.From:yyyy-MM-dd}";

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

    private sealed class SimCase(string id, string nationality, bool border)
    {
        public string Id { get; } = id;
        public string ReturnId { get; } = AsylumCases.ReturnCaseIdOf(id);
        public string Nationality { get; } = nationality;
        public bool Border { get; } = border;
        public double Recognition { get; init; }
        public bool SecurityGrounds { get; init; }
        public bool MisledAuthorities { get; init; }
        public bool UnaccompaniedMinor { get; init; }
        public string? Procedure { get; set; }
        public string? Ground { get; set; }
        public bool Absconded { get; set; }
        public bool Decided { get; set; }
        public bool Detained { get; set; }
        public bool VoluntaryDeparture { get; set; }
        public Wait Waiting { get; set; }
        public HashSet<string> WithdrawnFrom { get; } = [];
        public HashSet<string> BreachedFlows { get; } = [];
        public Dictionary<string, DateTimeOffset> StageSince { get; } = [];

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
