using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.TamperEvidence;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;

namespace FastProcedures.Benchmarks.Cases;

/// <summary>
/// The case runner (<see cref="CaseRuntime"/>): every domain event of a command through <c>Decide</c> of each running
/// workflow of the case, starting the workflows the events start, as the write path and replay verification run it.
/// Measured on the pilot path of a border case: the whole path at once, and one command on a case in examination.
/// </summary>
[MemoryDiagnoser]
public class CaseRunnerBenchmarks
{
    private const string Id = "BG-2026-000001";
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-01T10:00:00+02:00");
    private static readonly DateOnly Day = DateOnly.FromDateTime(At.UtcDateTime);
    private WorkflowCatalog _catalog = null!;
    private object[] _path = null!;
    private CaseWorkflows _inExamination = null!;
    private object[] _decision = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = new WorkflowCatalog(Engine.Repository.Registry);
        var made = new ApplicationMade(Id, "BG", ApplicationPlace.Border, "Lesovo border crossing", "MAR", false,
            new SealedPersonalDetails("key", "nonce", "ciphertext"), "bench", At);
        var toExamination = new object[]
        {
            made,
            new ScreeningStarted(Id, "bench", At.AddHours(1)),
            new BiometricsTaken(Id, "EURODAC-BG-1", "bench", At.AddHours(2)),
            new ScreeningCompleted(Id, true, true, [], SecurityCheckOutcome.Clear, ScreeningReferral.Asylum, "bench", At.AddHours(3)),
            new ApplicationRegistered(Id, "bench", At.AddHours(4)),
            new ProcedureAssigned(Id, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "bench", At.AddHours(4)),
            new ApplicationLodged(Id, "bench", At.AddDays(1)),
            new InterviewHeld(Id, "bench", At.AddDays(5)),
        };
        _decision =
        [
            new DecisionIssued(Id, DecisionOutcome.RejectedManifestlyUnfounded, true,
                new DecisionReason("APR Art. 42(1)(j)", "Nationality with an EU-wide recognition rate below 20 %."), "APR Art. 39",
                "bench", At.AddDays(10), "P1W", null, false, new JointReturnDecision(0, "RBPR Art. 4", "No right to stay.")),
        ];
        _path = [.. toExamination, .. _decision];
        _inExamination = CaseWorkflows.None;
        foreach (var e in Run(CaseWorkflows.None, toExamination, At.AddDays(5)))
        {
            _inExamination = _inExamination.Apply(e);
        }
    }

    private IReadOnlyList<object> Run(CaseWorkflows workflows, object[] events, DateTimeOffset now) =>
        CaseRuntime.Advance(_catalog, Id, "BG", workflows, events, now, e => AsylumCase.Starts(_catalog, Day, e));

    /// <summary>Nine domain events from the application to the joint decision, on a new case.</summary>
    [Benchmark(Baseline = true)]
    public int PilotPath() => Run(CaseWorkflows.None, _path, At.AddDays(10)).Count;

    /// <summary>One command (the decision) on a case whose workflows are running.</summary>
    [Benchmark]
    public int DecisionOnACaseInExamination() => Run(_inExamination, _decision, At.AddDays(10)).Count;
}

/// <summary>The tamper-evidence link (<see cref="EventHashChain.Link"/>): canonical JSON of the event's data and
/// SHA-256 over it and the previous link, as every append and every <c>verify-chain</c> computes it.</summary>
[MemoryDiagnoser]
public class HashLinkBenchmarks
{
    private readonly string _previous = new('a', 64);
    private string _small = "";
    private string _decision = "";

    [GlobalSetup]
    public void Setup()
    {
        _small = JsonSerializer.Serialize(new { caseId = "BG-2026-000001", lodgedBy = "bench", lodgedAt = "2026-12-02T10:00:00+02:00" });
        _decision = JsonSerializer.Serialize(new
        {
            caseId = "BG-2026-000001", outcome = "RejectedManifestlyUnfounded", negative = true,
            reason = new { code = "APR Art. 42(1)(j)", text = "Nationality with an EU-wide recognition rate below 20 %." },
            legalBasis = "APR Art. 39", decidedBy = "bench", decidedAt = "2026-12-11T10:00:00+02:00", appealWindow = "P1W",
            appealWindowEndsAt = "2026-12-19T00:00:00+02:00", appealSuspendsRemoval = false,
            returnDecision = new { voluntaryDepartureDays = 0, legalBasis = "RBPR Art. 4", reason = "No right to stay." },
        });
    }

    [Benchmark(Baseline = true)]
    public string SmallEvent() => EventHashChain.Link(_previous, "BG-2026-000001", 7, "application_lodged", _small);

    [Benchmark]
    public string DecisionEvent() => EventHashChain.Link(_previous, "BG-2026-000001", 9, "decision_issued", _decision);
}
