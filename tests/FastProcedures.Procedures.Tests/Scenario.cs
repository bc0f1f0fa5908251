using System.Globalization;
using System.Text;
using FastProcedures.Workflows;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Procedures.Tests;

/// <summary>
/// Drives one definition through <see cref="WorkflowEngine.Decide"/> the way the cases layer does (state rebuilt from
/// effects only, the clock given with each event) and keeps a timeline a lawyer can read: one line per effect with
/// the instant, the event and what the engine decided.
/// </summary>
public sealed class Scenario
{
    private readonly WorkflowDefinition _definition;
    private readonly DecisionContext _context;
    private readonly StringBuilder _timeline = new();

    /// <param name="version">A released version a case is pinned to; default the newest.</param>
    public Scenario(string definitionId, string country = "BG", int? version = null)
    {
        _definition = version is { } v ? Repository.Registry.Get(definitionId, v) : Repository.Definition(definitionId);
        _context = new DecisionContext(Repository.Registry.Calendar(country));
        _timeline.AppendLine($"{_definition.Id} v{_definition.Version} ({_definition.Title}), country {country}");
    }

    public WorkflowState State { get; private set; } = WorkflowState.Initial;

    public List<WorkflowEffect> Effects { get; } = [];

    /// <summary>The workflow starts; <paramref name="data"/> are the fields of the case event that started it.</summary>
    public IReadOnlyList<WorkflowEffect> Start(string at, params (string Key, object? Value)[] data) =>
        On(WorkflowEvents.WorkflowStarted, at, data);

    public IReadOnlyList<WorkflowEffect> On(string type, string at, params (string Key, object? Value)[] data)
    {
        var @event = new WorkflowEvent(type, data.ToDictionary(d => d.Key, d => d.Value));
        var now = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        var effects = WorkflowEngine.Decide(_definition, State, @event, now, _context);
        State = State.ApplyAll(effects);
        Effects.AddRange(effects);
        var label = data.Length == 0
            ? type
            : $"{type}({string.Join(", ", data.Select(d => $"{d.Key}={Value(d.Value)}"))})";
        var when = now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        if (effects.Count == 0)
        {
            _timeline.AppendLine($"{when}  {label} -> nothing");
        }
        foreach (var effect in effects)
        {
            _timeline.AppendLine($"{when}  {label} -> {Describe(effect)}");
        }
        return effects;
    }

    /// <summary>A scheduled deadline message wakes the case at <paramref name="at"/>.</summary>
    public IReadOnlyList<WorkflowEffect> Tick(string at) => On(WorkflowEvents.DeadlineReached, at);

    public string Timeline => _timeline.ToString();

    public TimerState Timer(string id) => State.Timers[id];

    public DateTimeOffset ExpiryOf(string timer) => State.Timers[timer].ExpiresAt;

    public IEnumerable<string> MessagesTo(string unit) => Effects.OfType<MessageSent>().Where(m => m.To == unit).Select(m => m.Message);

    private static string Value(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>The expiry instant and, for day-based periods, the last day it stands for (after Art. 3(4) shifts).</summary>
    private static string Expiry(Workflows.TimerSchedule schedule) => schedule.LastDay is { } last
        ? $"{Instant(schedule.ExpiresAt)} (last day {last.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)})"
        : Instant(schedule.ExpiresAt);

    private static string Describe(WorkflowEffect effect) => effect switch
    {
        StageEntered e => $"stage {e.Stage} entered{(e.Unit is { } u ? $" (unit {u})" : "")}",
        StageLeft e => $"stage {e.Stage} left",
        TaskOpened e => $"task {e.Task} opened for {e.Unit}{(e.DueTimer is { } t ? $", due by timer {t}" : "")}",
        TaskClosed e => e.Completed ? $"task {e.Task} done ({e.Reason})" : $"task {e.Task} closed unfinished ({e.Reason})",
        MessageSent e => $"message {e.Message} sent to {e.To} ({e.Reason})",
        TimerStarted { Window: true } e => $"window {e.Timer} opened, {e.Period}{(e.WorkingDays ? " working days" : "")}, ends {Expiry(e.Schedule)} ({e.LegalBasis})",
        TimerStarted e => $"timer {e.Timer} started, {e.Period}{(e.WorkingDays ? " working days" : "")}, expires {Expiry(e.Schedule)} ({e.LegalBasis})",
        TimerSuspended e => $"timer {e.Timer} suspended",
        TimerResumed e => $"timer {e.Timer} resumed after {e.SuspendedDays} day(s) suspended, now {e.Period}, expires {Expiry(e.Schedule)}",
        TimerExtended e => $"timer {e.Timer} extended to {e.Period}, expires {Expiry(e.Schedule)} ({e.LegalBasis})",
        TimerStopped { Window: true } e => $"window {e.Timer} stopped, {(e.Met ? "used in time" : "after it elapsed")} ({e.OnEvent})",
        TimerStopped e => $"timer {e.Timer} stopped, {(e.Met ? "limit kept" : "after its breach")} ({e.OnEvent})",
        TimerWarningDue e => $"WARNING timer {e.Timer} expires {Instant(e.ExpiresAt)}",
        TimerBreached e => $"BREACH timer {e.Timer} expired {Instant(e.ExpiredAt)} ({e.LegalBasis})",
        TimerElapsed e => $"ELAPSED window {e.Timer} ran out {Instant(e.ElapsedAt)}, no breach ({e.LegalBasis})",
        _ => effect.ToString(),
    };
}
