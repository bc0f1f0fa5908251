using BenchmarkDotNet.Attributes;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;
using FastProcedures.Workflows.Files;

namespace FastProcedures.Benchmarks.Engine;

/// <summary>The legal clock (Reg. 1182/71) on the repository's BG calendar: one expiry per call.</summary>
[MemoryDiagnoser]
public class LegalClockBenchmarks
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-12-18T15:30:00+02:00");
    private readonly LegalPeriod _days = LegalPeriod.Parse("P7D");
    private readonly LegalPeriod _weeks = LegalPeriod.Parse("P12W");
    private readonly LegalPeriod _months = LegalPeriod.Parse("P2M");
    private readonly LegalPeriod _workingDays = LegalPeriod.Parse("P10D", workingDays: true);
    private CountryCalendar _calendar = null!;

    [GlobalSetup]
    public void Setup() => _calendar = Repository.Registry.Calendars["BG"];

    [Benchmark(Baseline = true)]
    public DateTimeOffset Days() => LegalClock.Expiry(From, _days, _calendar).ExpiresAt;

    [Benchmark]
    public DateTimeOffset Weeks() => LegalClock.Expiry(From, _weeks, _calendar).ExpiresAt;

    [Benchmark]
    public DateTimeOffset Months() => LegalClock.Expiry(From, _months, _calendar).ExpiresAt;

    [Benchmark]
    public DateTimeOffset WorkingDays() => LegalClock.Expiry(From, _workingDays, _calendar).ExpiresAt;
}

/// <summary>One <c>Decide</c> call on the repository's border procedure: the start (every timer counted) and an event
/// on a started case (timers stopped, a stage change).</summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-01T10:00:00+02:00");
    private WorkflowDefinition _definition = null!;
    private DecisionContext _context = null!;
    private WorkflowState _started = null!;
    private WorkflowEvent _decision = null!;

    [GlobalSetup]
    public void Setup()
    {
        _definition = Repository.Registry.All.Where(d => d.Id == "border-procedure").MaxBy(d => d.Version)!;
        _context = new DecisionContext(Repository.Registry.Calendars["BG"]);
        _started = WorkflowState.Initial.ApplyAll(WorkflowEngine.Decide(_definition, WorkflowState.Initial,
            WorkflowEvent.Started(), At, _context));
        _decision = new WorkflowEvent("DecisionIssued", new Dictionary<string, object?> { ["outcome"] = "rejected-manifestly-unfounded" });
    }

    [Benchmark(Baseline = true)]
    public int Start() => WorkflowEngine.Decide(_definition, WorkflowState.Initial, WorkflowEvent.Started(), At, _context).Count;

    [Benchmark]
    public int DecisionOnAStartedCase() => WorkflowEngine.Decide(_definition, _started, _decision, At.AddDays(20), _context).Count;
}

internal static class Repository
{
    private static WorkflowRegistry? _registry;

    /// <summary>The definitions and calendars of the repository's <c>workflows/</c> folder.</summary>
    public static WorkflowRegistry Registry => _registry ??= WorkflowsFolder.Load(WorkflowsFolder.Require());
}
