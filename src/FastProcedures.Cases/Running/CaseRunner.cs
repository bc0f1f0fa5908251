using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.HandingOver;
using FastProcedures.Cases.Audit.SealingPersonalData;
using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.ContinuingUnderTheDirective;
using FastProcedures.Cases.Return.FollowingAsylumCase;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.ReceivingHandOver;
using FastProcedures.Cases.Procedures;
using FastProcedures.Workflows;

namespace FastProcedures.Cases.Running;

/// <summary>One line of what happened, in order: an event a case recorded, a message between units, a refusal.</summary>
public sealed record RunEntry(DateTimeOffset At, string Case, string Event, string? Workflow, string Detail);

/// <summary>
/// Runs cases in memory (no database) through the same decisions as production: the use cases' pure decisions
/// (<see cref="CaseCommandCatalogue"/>), the case runtime and engine (<see cref="CaseStreams.Advance{TCase}"/>), the
/// aggregates' <c>Fold</c> that Marten's inline snapshots apply, and the messages the decisions send
/// (<see cref="CaseMessages.Plan{TCase}"/>): unit messages are handled at once as the units' handlers do, deadline
/// messages at their instants, re-checked against the case as a fired scheduled message is. Deterministic: the clock
/// is the instant each command or message is given.
/// </summary>
public sealed class CaseRunner(WorkflowCatalog catalog)
{
    private readonly Dictionary<string, AsylumCase> _asylum = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReturnCase> _return = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Case, string Workflow, string Timer), bool> _stoppedMet = [];
    private readonly PriorityQueue<DeadlineDue, (DateTimeOffset, long)> _scheduled = new();
    private readonly List<RunEntry> _timeline = [];
    private long _sequence;

    public WorkflowCatalog Catalog { get; } = catalog;

    /// <summary>The instant of the last command or message handled.</summary>
    public DateTimeOffset? Now { get; private set; }

    public IReadOnlyDictionary<string, AsylumCase> AsylumCases => _asylum;

    public IReadOnlyDictionary<string, ReturnCase> ReturnCases => _return;

    public IReadOnlyList<RunEntry> Timeline => _timeline;

    /// <summary>Every event recorded, or none to keep a timeline (the simulation's speed).</summary>
    public bool KeepTimeline { get; init; } = true;

    /// <summary>Called with the case id and every event a case records, in order (the simulation's metrics).</summary>
    public Action<string, object>? Recorded { get; init; }

    /// <summary>The instant the next deadline message falls due, if any.</summary>
    public DateTimeOffset? NextDueAt => _scheduled.TryPeek(out _, out var due) ? due.Item1 : null;

    /// <summary>True when the timer was stopped within its limit, false after its breach, null while not stopped.</summary>
    public bool? StoppedMet(string caseId, string workflow, string timer) =>
        _stoppedMet.TryGetValue((caseId, workflow, timer), out var met) ? met : null;

    /// <summary>Runs a command of the catalogue at <paramref name="at"/>, after delivering the deadline messages due
    /// by then; then the unit messages it sends. <see cref="CaseCommandRefused"/> leaves every case as it was.</summary>
    public CaseChange Send(object command, DateTimeOffset at)
    {
        if (Now is { } now && at < now)
        {
            throw new ArgumentException($"Commands run in time order: {at:O} is before {now:O}.", nameof(at));
        }
        AdvanceTo(at);
        var type = CaseCommandCatalogue.Of(command.GetType());
        var caseId = (string)command.GetType().GetProperty("CaseId")!.GetValue(command)!;
        var expected = command.GetType().GetProperty("ExpectedVersion")?.GetValue(command) as long?;
        var context = new DecisionInputs(at, Catalog, Seal);
        Now = at;
        return type.CaseKind == Asylum.AsylumCases.Kind.Name
            ? Decide(Asylum.AsylumCases.Kind, _asylum, caseId, expected, type, s => type.Decide(s, command, context), at)
            : Decide(Return.ReturnCases.Kind, _return, caseId, expected, type, s => type.Decide(s, command, context), at);
    }

    /// <summary>Delivers, in time order, every deadline message due at or before <paramref name="until"/>.</summary>
    public void AdvanceTo(DateTimeOffset until)
    {
        while (_scheduled.TryPeek(out var due, out var key) && key.Item1 <= until)
        {
            _scheduled.Dequeue();
            Now = due.DueAt > (Now ?? due.DueAt) ? due.DueAt : Now ?? due.DueAt;
            Wake(due);
        }
        if (Now is null || until > Now)
        {
            Now = until;
        }
    }

    private CaseChange Decide<TCase>(
        CaseKind<TCase> kind, Dictionary<string, TCase> cases, string caseId, long? expected, CaseCommandType type,
        Func<TCase?, IReadOnlyList<object>> decide, DateTimeOffset now) where TCase : class, ICase
    {
        var state = cases.GetValueOrDefault(caseId);
        if (type.OpensCase ? state is null && Exists(caseId) : state is null)
        {
            throw type.OpensCase ? new CaseAlreadyExists(caseId) : new CaseCommandRefused($"There is no {kind.Name} case {caseId}.");
        }
        var version = _versions.GetValueOrDefault(caseId);
        if (expected is { } v && v != version)
        {
            throw new CaseVersionConflict(caseId, v, version);
        }
        var domainEvents = decide(state);
        var events = domainEvents.Count == 0 ? [] : CaseStreams.Advance(kind, caseId, state, domainEvents, Catalog, now);
        var messages = Record(kind, cases, caseId, state, events);
        Deliver(messages, now);
        return new CaseChange(caseId, _versions.GetValueOrDefault(caseId), events);
    }

    private bool Exists(string caseId) => _asylum.ContainsKey(caseId) || _return.ContainsKey(caseId);

    /// <summary>Applies the events as Marten's inline snapshot does (<c>Fold</c>) and returns what they send.</summary>
    private IReadOnlyList<PlannedMessage> Record<TCase>(
        CaseKind<TCase> kind, Dictionary<string, TCase> cases, string caseId, TCase? state, IReadOnlyList<object> events)
        where TCase : class, ICase
    {
        if (events.Count == 0)
        {
            return [];
        }
        foreach (var e in events)
        {
            state = kind.Evolve(state, e);
            if (e is DeadlineStopped stopped)
            {
                _stoppedMet[(caseId, stopped.Workflow, stopped.Step.Timer)] = stopped.Step.Met;
            }
            if (KeepTimeline)
            {
                _timeline.Add(Entry(caseId, e));
            }
            Recorded?.Invoke(caseId, e);
        }
        cases[caseId] = state!;
        _versions[caseId] = _versions.GetValueOrDefault(caseId) + events.Count;
        return CaseMessages.Plan(kind, Catalog, state!, events);
    }

    /// <summary>Unit messages are handled now, in order, each with what it sends in turn; deadline messages wait for
    /// their instant.</summary>
    private void Deliver(IReadOnlyList<PlannedMessage> messages, DateTimeOffset now)
    {
        var queue = new Queue<PlannedMessage>(messages);
        while (queue.TryDequeue(out var planned))
        {
            if (planned.Message.Message is DeadlineDue due)
            {
                _scheduled.Enqueue(due, (due.DueAt, _sequence++));
                continue;
            }
            foreach (var next in Handle(planned.Message, now))
            {
                queue.Enqueue(next);
            }
        }
    }

    /// <summary>The units' message handlers, in memory: the same decisions as their Wolverine handlers. A message
    /// refused by its handler is recorded on the timeline (production dead-letters it) and changes nothing.</summary>
    private IReadOnlyList<PlannedMessage> Handle(UnitMessage message, DateTimeOffset now)
    {
        if (KeepTimeline)
        {
            _timeline.Add(new RunEntry(now, CaseOf(message.Message), message.Message.GetType().Name, null,
                message.Message is UnitNotified notified ? $"{notified.Message} to {message.Unit} ({notified.Reason})" : $"to {message.Unit}"));
        }
        try
        {
            switch (message.Message)
            {
                case ReturnDecisionRequested m:
                    return React(Return.ReturnCases.Kind, _return, m.ReturnCaseId, s => ReturnDecisionRequestedHandler.Decide(s, m, now, Catalog), now);
                case AsylumCaseHandedOver m:
                    var before = _versions.GetValueOrDefault(m.ReturnCaseId);
                    var sent = React(Return.ReturnCases.Kind, _return, m.ReturnCaseId, s => AsylumCaseHandedOverHandler.Decide(s, m, now), now);
                    return _versions.GetValueOrDefault(m.ReturnCaseId) > before && _return[m.ReturnCaseId].Dossier is not null
                        ? [.. sent, new PlannedMessage(new UnitMessage(Asylum.AsylumCases.Kind.Unit,
                            new HandOverAcknowledgement(m.AsylumCaseId, m.ReturnCaseId, m.Country, now)), null)]
                        : sent;
                case HandOverAcknowledgement m:
                    return React(Asylum.AsylumCases.Kind, _asylum, m.AsylumCaseId, s => HandOverAcknowledgementHandler.Decide(s, m), now);
                case LinkedAsylumStatus m:
                    return React(Return.ReturnCases.Kind, _return, m.ReturnCaseId, s => LinkedAsylumStatusHandler.Decide(s, m), now);
                case ReturnBorderProcedureLimitPassed m:
                    return React(Return.ReturnCases.Kind, _return, m.ReturnCaseId, s => ReturnBorderProcedureLimitPassedHandler.Decide(s, m, Catalog), now);
                case UnitNotified:
                    return []; // shown in the unit's inbox; nothing else happens
                default:
                    throw new InvalidOperationException($"No in-memory handler for the message {message.Message.GetType().Name}.");
            }
        }
        catch (CaseCommandRefused refused)
        {
            if (KeepTimeline)
            {
                _timeline.Add(new RunEntry(now, CaseOf(message.Message), "MessageRefused", null, refused.Message));
            }
            return [];
        }
    }

    private IReadOnlyList<PlannedMessage> React<TCase>(
        CaseKind<TCase> kind, Dictionary<string, TCase> cases, string caseId, Func<TCase?, IReadOnlyList<object>> decide,
        DateTimeOffset now) where TCase : class, ICase
    {
        var state = cases.GetValueOrDefault(caseId);
        var domainEvents = decide(state);
        var events = domainEvents.Count == 0 ? [] : CaseStreams.Advance(kind, caseId, state, domainEvents, Catalog, now);
        return Record(kind, cases, caseId, state, events);
    }

    /// <summary>A deadline message fires: the case acts only if that timer generation still runs.</summary>
    private void Wake(DeadlineDue due)
    {
        var now = due.DueAt;
        var messages = due.CaseKind == Return.ReturnCases.Kind.Name
            ? Wake(Return.ReturnCases.Kind, _return, due, now)
            : Wake(Asylum.AsylumCases.Kind, _asylum, due, now);
        Deliver(messages, now);
    }

    private IReadOnlyList<PlannedMessage> Wake<TCase>(CaseKind<TCase> kind, Dictionary<string, TCase> cases, DeadlineDue due, DateTimeOffset now)
        where TCase : class, ICase
    {
        if (!cases.TryGetValue(due.CaseId, out var state))
        {
            return [];
        }
        var events = CaseRuntime.Wake(Catalog, due.CaseId, state.Country, state.Workflows, due.Workflow, due.Timer,
            due.Generation, now);
        return Record(kind, cases, due.CaseId, state, events);
    }

    /// <summary>Personal data sealed with a key held in memory only: nothing of it leaves the run.</summary>
    private static SealedPersonalDetails Seal(string caseId, PersonalDetails details) =>
        PersonalData.Seal(new PersonKey($"{caseId}/in-memory", caseId, Convert.ToBase64String(new byte[32]), DateTimeOffset.UnixEpoch), details);

    private static string CaseOf(object message) => message switch
    {
        ReturnDecisionRequested m => m.ReturnCaseId,
        AsylumCaseHandedOver m => m.ReturnCaseId,
        HandOverAcknowledgement m => m.AsylumCaseId,
        LinkedAsylumStatus m => m.ReturnCaseId,
        ReturnBorderProcedureLimitPassed m => m.ReturnCaseId,
        UnitNotified m => m.CaseId,
        _ => "",
    };

    private static RunEntry Entry(string caseId, object e) => e is IWorkflowStep step
        ? new RunEntry(step.At, caseId, e.GetType().Name, step.Workflow, RunText.Describe(step.Effect))
        : e is WorkflowStarted started
            ? new RunEntry(started.At, caseId, nameof(WorkflowStarted), started.Workflow, $"{started.Workflow} v{started.Version} started on {started.StartedOn}")
            : e is DeadlineReached reached
                ? new RunEntry(reached.At, caseId, nameof(DeadlineReached), reached.Workflow, $"deadline message for {reached.Timer} fired")
                : new RunEntry(Audit.EventTime.Of(e) ?? DateTimeOffset.MinValue, caseId, e.GetType().Name, null, Fields(e));

    /// <summary>What a domain event says, as the engine reads it, without the case id, who acted and when.</summary>
    private static string Fields(object e) => string.Join(", ", EventData.ToWorkflowEvent(e).Data
        .Where(f => f.Value is not null && f.Key != "case_id" && !f.Key.EndsWith("_by", StringComparison.Ordinal)
            && !f.Key.EndsWith("_at", StringComparison.Ordinal))
        .Select(f => $"{f.Key}={(f.Value is bool b ? (b ? "true" : "false") : Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture))}"));
}
