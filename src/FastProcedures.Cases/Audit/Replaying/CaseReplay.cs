using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Audit.AccessLog;
using FastProcedures.Cases.Audit.ReplayVerification;
using FastProcedures.Cases.Audit.TimeTravelling;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using Marten;

namespace FastProcedures.Cases.Audit.Replaying;

public enum ReplayOutcome { Found, NoSuchCase, NotYet, NotACase }

/// <summary>What an auditor sees of a replay: the case as of the instant (stages, live deadlines), the
/// verification verdict when asked for, and the case's access log. <c>fastproc replay --json</c> prints it and
/// <c>GET /api/cases/{id}/as-of</c>, <c>POST /api/cases/{id}/verify</c> answer it.</summary>
public sealed record ReplayView(
    string CaseId,
    string Kind,
    DateTimeOffset AsOf,
    long Version,
    IReadOnlyDictionary<string, string?> Stages,
    IReadOnlyList<ReplayDeadline> Deadlines,
    ReplayVerdict? Verification,
    IReadOnlyList<CaseRead> AccessLog);

public sealed record ReplayDeadline(
    string Workflow, string Timer, string Status, string Period, DateTimeOffset ExpiresAt, DateTimeOffset? SuspendedAt,
    long LeftSeconds, string Left);

public sealed record ReplayVerdict(
    bool Verified, int InputsReplayed, int WorkflowEventsCompared, IReadOnlyList<Divergence> Divergences, IReadOnlyList<string> PinProblems);

public sealed record CaseReplayResult(ReplayOutcome Outcome, CaseAsOfResult? State, ReplayReport? Report, ReplayView? View);

/// <summary>
/// Time travel and replay verification as one library call, shared by the CLI's <c>replay</c> and the API: loads
/// the stream, folds it as of the instant (now when none), replays it on the pinned definitions when asked, and
/// records the read in the case's access log.
/// </summary>
public static class CaseReplay
{
    public static async Task<CaseReplayResult> RunAsync(
        IDocumentSession session, WorkflowCatalog catalog, string caseId, DateTimeOffset? instant, bool verify, Reader reader,
        DateTimeOffset now, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation);
        if (events.Count == 0)
        {
            return new CaseReplayResult(ReplayOutcome.NoSuchCase, null, null, null);
        }
        var state = CaseAsOf.Fold(caseId, events, new AsOf(instant ?? now));
        if (state is null)
        {
            return new CaseReplayResult(
                events[0].Data is ApplicationMade or ReturnCaseOpened ? ReplayOutcome.NotYet : ReplayOutcome.NotACase, null, null, null);
        }
        var report = verify ? VerifyReplay.Run(catalog, caseId, events, session.DocumentStore.Options.Serializer().ToJson) : null;
        CaseAccessLog.Record(session, caseId, reader, now);
        await session.SaveChangesAsync(cancellation);
        var reads = await CaseAccessLog.ReadsAsync(session, caseId, cancellation);
        return new CaseReplayResult(ReplayOutcome.Found, state, report, View(state, report, reads));
    }

    public static ReplayView View(CaseAsOfResult state, ReplayReport? report, IReadOnlyList<CaseRead> reads) => new(
        state.CaseId,
        state.Kind,
        state.At,
        state.Version,
        state.Stages,
        state.Deadlines.Select(d => new ReplayDeadline(d.Workflow, d.Timer, d.Status.ToString(), d.Period, d.ExpiresAt, d.SuspendedAt,
            (long)d.Left.TotalSeconds, Left(d.Left))).ToList(),
        report is null ? null : new ReplayVerdict(report.Verified, report.InputsReplayed, report.WorkflowEventsCompared,
            report.Divergences, report.PinProblems),
        reads);

    public static string Left(TimeSpan left) => left < TimeSpan.Zero ? $"overdue by {Span(-left)}" : $"{Span(left)} left";

    private static string Span(TimeSpan span) => $"{(int)span.TotalDays}d {span.Hours:00}h {span.Minutes:00}m";
}
