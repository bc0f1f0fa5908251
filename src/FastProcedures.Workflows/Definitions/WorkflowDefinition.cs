using FastProcedures.Workflows.Clock;

namespace FastProcedures.Workflows.Definitions;

/// <summary>A message to a unit (reception, asylum, return) that a transition or a timer sends.</summary>
public sealed record SendAction(string Message, string To);

/// <summary>Tried in order when <see cref="Event"/> happens in a stage: the first whose guard holds wins.</summary>
public sealed record Transition(string Event, Guard? When, string? Goto, IReadOnlyList<SendAction> Send);

public sealed record TaskDefinition(string Id, string Title, string Unit, string? Due, IReadOnlyList<string> ClosesOn, string Stage);

public sealed record StageDefinition(
    string Id,
    string Description,
    string? Unit,
    bool Final,
    IReadOnlyList<TaskDefinition> Tasks,
    IReadOnlyDictionary<string, IReadOnlyList<Transition>> On,
    IReadOnlyList<SendAction> SendOnEntry);

/// <summary>What happens when a timer warns or is breached: a message to a unit, or a move to another stage
/// (e.g. APR Art. 51(2): when the border-procedure limit passes, the applicant is authorised to enter the territory).</summary>
public sealed record TimerAction(SendAction? Send, string? Goto);

/// <summary>An extension of a timer: <c>By</c> adds to the period, <c>To</c> replaces it; never beyond <c>Max</c>.</summary>
public sealed record ExtensionDefinition(string On, LegalPeriod? By, LegalPeriod? To, LegalPeriod Max, string LegalBasis, Guard? When);

/// <summary>A national choice within a legal range; each country's value lives in its calendar.</summary>
public sealed record ParameterDefinition(string Id, string LegalBasis, LegalPeriod Min, LegalPeriod Max, LegalPeriod Default);

/// <summary>The instant a period counts from: a field of the starting event holding an instant (plus <see cref="After"/>),
/// or the start of another timer of the same workflow. Absent field or timer: the starting event's instant.</summary>
public sealed record CountsFrom(string? Field, LegalPeriod? After, string? Timer);

public sealed record TimerDefinition(
    string Id,
    string Title,
    string LegalBasis,
    IReadOnlyList<string> StartsOn,
    Guard? StartsWhen,
    LegalPeriod? Period,
    string? Parameter,
    bool WorkingDays,
    IReadOnlyList<string> StopsOn,
    IReadOnlyList<string> SuspendsOn,
    IReadOnlyList<string> ResumesOn,
    IReadOnlyList<ExtensionDefinition> Extensions,
    LegalPeriod? WarnBefore,
    IReadOnlyList<TimerAction> OnWarning,
    IReadOnlyList<TimerAction> OnBreach)
{
    /// <summary>Stages whose entry starts the timer (by a transition, a breach or the workflow's start), e.g. AMMR
    /// Art. 42(1) and 46(1) count from acceptance, explicit or by silence.</summary>
    public IReadOnlyList<string> StartsOnEntering { get; init; } = [];

    /// <summary>Where the period counts from when not the starting event's instant (<c>counts-from</c>).</summary>
    public CountsFrom? CountsFrom { get; init; }

    /// <summary>A field of the starting event giving whole days already served (<c>deducts-days</c>): the period counts as
    /// if it had started that many days earlier (RD Art. 15(5)-(6): detention for removal adds up across orders).</summary>
    public string? DeductsDays { get; init; }

    /// <summary>A field of the starting event giving the period in whole days (<c>period: { parameter, days-field }</c>):
    /// the period the decision sets, used when it lies within the parameter's min..max, else the national parameter
    /// (RD Art. 7(1): the return decision provides for a period of between seven and thirty days).</summary>
    public string? PeriodDaysField { get; init; }

    /// <summary>False: the period ends at the expiry of its last day even on a weekend or holiday — Reg. 1182/71
    /// Art. 3(4) and 3(5) are not applied (<c>shift-last-day: false</c>, maxima of deprivation of liberty).</summary>
    public bool ShiftLastDay { get; init; } = true;

    /// <summary>Per <see cref="StopsOn"/> event, a guard over its fields: the timer stops only when it holds.</summary>
    public IReadOnlyDictionary<string, Guard> StopsWhen { get; init; } = new Dictionary<string, Guard>();

    /// <summary>The period as written: the ISO 8601 text, <c>parameter:NAME</c>, or with a days field
    /// <c>days:FIELD else parameter:NAME</c>.</summary>
    public string PeriodText => Period?.ToString()
        ?? (PeriodDaysField is { } days ? $"days:{days} else parameter:{Parameter}" : $"parameter:{Parameter}");
}

/// <summary>
/// A compiled, immutable procedure definition. Its identity is (<see cref="Id"/>, <see cref="Version"/>,
/// <see cref="Hash"/>): the SHA-256 of the file's canonical form, which a case records when its workflow starts.
/// </summary>
public sealed record WorkflowDefinition(
    string Id,
    int Version,
    string Hash,
    string Title,
    string LegalBasis,
    string CaseKind,
    DateOnly? AppliesFrom,
    string Initial,
    IReadOnlyList<StageDefinition> Stages,
    IReadOnlyList<TimerDefinition> Timers,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<string> DeclaredEvents,
    string SourceFile)
{
    private readonly Dictionary<string, StageDefinition> _stages = Stages.ToDictionary(s => s.Id);

    /// <summary>The case events that start this workflow (<c>starts-on</c>); <c>ProcedureAssigned</c> means the
    /// procedure a case is assigned to at registration under this id (APR Art. 42, 45). Empty: started otherwise.</summary>
    public IReadOnlyList<string> StartsOn { get; init; } = [];

    /// <summary>Only a starting event whose fields satisfy this guard starts the workflow (<c>starts-when</c>), e.g.
    /// the return border procedure for a return case opened after a rejection in the border procedure.</summary>
    public Guard? StartsWhen { get; init; }

    /// <summary>Only applications made at this place may enter it (<c>place: border</c>, APR Art. 43); a rejection in
    /// it continues in the return border procedure (RBPR Art. 4).</summary>
    public string? Place { get; init; }

    /// <summary>The parameter holding the time to appeal a negative decision (APR Art. 67(7)).</summary>
    public string? AppealWindow { get; init; }

    /// <summary>Whether an appeal lets the applicant remain (APR Art. 68).</summary>
    public bool AppealSuspendsRemoval { get; init; }

    /// <summary>A procedure a case is assigned to at registration.</summary>
    public bool AssignedAtRegistration => StartsOn.Contains("ProcedureAssigned");

    /// <summary>Whether this event (its type and its fields, as guards see them) starts the workflow.</summary>
    public bool StartsOnEvent(string eventType, IReadOnlyDictionary<string, object?> fields) =>
        StartsOn.Contains(eventType) && StartsWhen?.Holds(fields) != false;

    /// <summary>The appeal window in a country: the country's value of <see cref="AppealWindow"/> within its legal
    /// range, else its default; null when the definition names none.</summary>
    public LegalPeriod? AppealWindowIn(IReadOnlyDictionary<string, string> countryParameters)
    {
        if (AppealWindow is not { } name || Parameters.FirstOrDefault(p => p.Id == name) is not { } parameter)
        {
            return null;
        }
        return countryParameters.TryGetValue(name, out var text)
            && LegalPeriod.TryParse(text, false, out var chosen, out _)
            && chosen.ComparableLength >= parameter.Min.ComparableLength
            && chosen.ComparableLength <= parameter.Max.ComparableLength
            ? chosen
            : parameter.Default;
    }

    public StageDefinition Stage(string id) => _stages[id];

    public bool HasStage(string id) => _stages.ContainsKey(id);

    /// <summary>The period of a timer in a country: its own, or the country's value of its parameter (within the
    /// legal range), else the parameter's default.</summary>
    public LegalPeriod PeriodOf(TimerDefinition timer, IReadOnlyDictionary<string, string> countryParameters,
        IReadOnlyDictionary<string, object?>? startingEvent = null)
    {
        if (timer.Period is { } own)
        {
            return own;
        }
        var parameter = Parameters.First(p => p.Id == timer.Parameter);
        if (timer.PeriodDaysField is { } field && startingEvent is not null && startingEvent.TryGetValue(field, out var value)
            && WholeDays(value) is { } days)
        {
            var granted = LegalPeriod.Parse($"P{days}D", timer.WorkingDays);
            if (granted.ComparableLength >= parameter.Min.ComparableLength
                && granted.ComparableLength <= parameter.Max.ComparableLength)
            {
                return granted;
            }
        }
        if (countryParameters.TryGetValue(parameter.Id, out var text)
            && LegalPeriod.TryParse(text, timer.WorkingDays, out var chosen, out _)
            && chosen.ComparableLength >= parameter.Min.ComparableLength
            && chosen.ComparableLength <= parameter.Max.ComparableLength)
        {
            return chosen;
        }
        return parameter.Default;
    }

    /// <summary>A whole, positive number of days as an event carries it (an integer, or its text), else null.</summary>
    private static int? WholeDays(object? value) => value switch
    {
        int n when n > 0 => n,
        long n when n is > 0 and <= 36500 => (int)n,
        double d when d > 0 && d <= 36500 && d == Math.Floor(d) => (int)d,
        decimal m when m > 0 && m <= 36500 && m == decimal.Truncate(m) => (int)m,
        string text when int.TryParse(text, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => null,
    };
}
