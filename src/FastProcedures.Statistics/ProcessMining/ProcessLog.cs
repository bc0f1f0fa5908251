using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;
using FastProcedures.Statistics.Reading;
using FastProcedures.Workflows;

namespace FastProcedures.Statistics.ProcessMining;

/// <summary>An activity of the log: what happened to which (pseudonymised) case, when, in which unit and procedure,
/// with only the attributes process analysis needs (outcome, procedure, stage, timer) — never a name, a date of birth,
/// a nationality, a place, an officer, a free-text reason or a reference number.</summary>
public sealed record LogEvent(
    string Id, string Activity, DateTimeOffset Time, string Case, string? Unit, string? Procedure,
    IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>A case object: its kind, the asylum case it follows (return cases), and its attribute changes.</summary>
public sealed record LogCase(string Id, string Kind, string? Follows, IReadOnlyList<(string Name, string Value, DateTimeOffset Time)> Attributes);

/// <summary>
/// A country's case events in a time window as a process-mining log, case ids pseudonymised per export. Built from the
/// events only: the sealed personal data is never opened.
/// </summary>
public sealed record ProcessLog(string Country, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<LogCase> Cases, IReadOnlyList<LogEvent> Events)
{
    public const string AsylumCase = "asylum-case";
    public const string ReturnCase = "return-case";
    public static readonly IReadOnlyList<string> Units = FastProcedures.Cases.Configuration.UnitQueues;
    private const string ReceptionUnit = FastProcedures.Cases.Reception.ReceptionConfiguration.Unit,
        AsylumUnit = FastProcedures.Cases.Asylum.AsylumConfiguration.Unit, ReturnUnit = FastProcedures.Cases.Return.ReturnConfiguration.Unit;

    public IEnumerable<string> Procedures => Events.Select(e => e.Procedure).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static ProcessLog Build(string country, IReadOnlyList<CaseStream> streams, DateTimeOffset from, DateTimeOffset to, Pseudonyms pseudonyms)
    {
        var cases = new Dictionary<string, LogCase>(StringComparer.Ordinal);
        var events = new List<LogEvent>();
        foreach (var stream in streams)
        {
            var window = stream.Events.Where(e => e.At >= from && e.At < to).ToList();
            if (window.Count == 0)
            {
                continue;
            }
            var kind = stream.IsAsylum ? AsylumCase : ReturnCase;
            var id = pseudonyms.Of(stream.CaseId);
            var follows = (stream.Events[0].Data as ReturnCaseOpened)?.AsylumCaseId is { } asylumId ? pseudonyms.Of(asylumId) : null;
            cases[id] = new LogCase(id, kind, follows, CaseAttributes(window));
            if (follows is not null && !cases.ContainsKey(follows))
            {
                cases[follows] = new LogCase(follows, AsylumCase, null, []);
            }
            foreach (var e in window)
            {
                var (unit, procedure, attributes) = Describe(e.Data, kind);
                events.Add(new LogEvent("", e.Data.GetType().Name, e.At, id, unit, procedure, attributes));
            }
        }
        var ordered = events.OrderBy(e => e.Time).ThenBy(e => e.Case, StringComparer.Ordinal)
            .Select((e, i) => e with { Id = $"e{i + 1}" }).ToList();
        return new ProcessLog(country, from, to, [.. cases.Values.OrderBy(c => c.Id, StringComparer.Ordinal)], ordered);
    }

    private static List<(string, string, DateTimeOffset)> CaseAttributes(IEnumerable<CaseEvent> events)
    {
        var attributes = new List<(string, string, DateTimeOffset)>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case ProcedureAssigned p:
                    attributes.Add(("procedure", p.Procedure, e.At));
                    break;
                case DecisionIssued d:
                    attributes.Add(("outcome", Kebab(d.Outcome), e.At));
                    break;
                case ReturnCaseOpened o:
                    attributes.Add(("basis", Kebab(o.Basis), e.At));
                    break;
            }
        }
        return attributes;
    }

    /// <summary>The unit, procedure and attributes an event may show. An allow-list: an event type not named here
    /// shows its name and time only.</summary>
    private static (string? Unit, string? Procedure, IReadOnlyList<KeyValuePair<string, string>> Attributes) Describe(object data, string kind)
    {
        var caseUnit = kind == ReturnCase ? ReturnUnit : AsylumUnit;
        return data switch
        {
            ApplicationMade e => (ReceptionUnit, null, [new("place", Kebab(e.Place))]),
            ScreeningStarted or BiometricsTaken or ApplicationRegistered => (ReceptionUnit, null, []),
            ScreeningCompleted e => (ReceptionUnit, null, [new("referral", Kebab(e.Referral)), new("security-check", Kebab(e.SecurityCheck))]),
            ProcedureAssigned e => (ReceptionUnit, e.Procedure, [new("procedure", e.Procedure)]),
            CaseAcceptedByUnit e => (e.Unit, null, []),
            DecisionIssued e => (AsylumUnit, null, [new("outcome", Kebab(e.Outcome)), new("negative", Bool(e.Negative))]),
            AppealLodged e => (AsylumUnit, null, [new("suspensive-effect", Bool(e.SuspensiveEffect))]),
            AppealDecided e => (AsylumUnit, null, [new("outcome", Kebab(e.Outcome))]),
            DecisionBecameFinal e => (caseUnit, null, [new("negative", Bool(e.Negative))]),
            ResponsibilityReplyReceived e => (AsylumUnit, null, [new("outcome", Kebab(e.Outcome))]),
            TakeChargeRequestSent e => (AsylumUnit, null, [new("eurodac-hit", Bool(e.EurodacHit))]),
            ReturnCaseOpened e => (ReturnUnit, null, [new("basis", Kebab(e.Basis)), new("border-procedure", Bool(e.BorderProcedure))]),
            ReturnDecisionIssued e => (ReturnUnit, null, [new("voluntary-departure", Bool(e.VoluntaryDeparture)), new("joint-with-asylum-decision", Bool(e.JointWithAsylumDecision))]),
            DetentionReviewed e => (ReturnUnit, null, [new("outcome", Kebab(e.Outcome))]),
            WorkflowStarted e => (caseUnit, e.Workflow, [new("workflow-version", e.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            IWorkflowStep step => (Unit(step.Effect) ?? caseUnit, step.Workflow, Step(step.Effect)),
            _ => (caseUnit, null, []),
        };
    }

    private static string? Unit(WorkflowEffect effect) => effect switch
    {
        StageEntered s => s.Unit,
        TaskOpened t => t.Unit,
        _ => null,
    };

    private static IReadOnlyList<KeyValuePair<string, string>> Step(WorkflowEffect effect) => effect switch
    {
        StageEntered s => [new("stage", s.Stage)],
        StageLeft s => [new("stage", s.Stage)],
        TaskOpened t => [new("task", t.Task)],
        TaskClosed t => [new("task", t.Task), new("completed", Bool(t.Completed))],
        MessageSent m => [new("message", m.Message), new("to", m.To)],
        TimerStarted t => [new("timer", t.Timer), new("period", t.Period)],
        TimerSuspended t => [new("timer", t.Timer)],
        TimerResumed t => [new("timer", t.Timer)],
        TimerExtended t => [new("timer", t.Timer), new("period", t.Period)],
        TimerRescheduled t => [new("timer", t.Timer)],
        TimerStopped t => [new("timer", t.Timer), new("met", Bool(t.Met))],
        TimerWarningDue t => [new("timer", t.Timer)],
        TimerBreached t => [new("timer", t.Timer)],
        _ => [],
    };

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Kebab<T>(T value) where T : struct, Enum => EventData.KebabCase(value.ToString());
}
