namespace FastProcedures.Workflows.Clock;

/// <summary>One step of a deadline's computation, with the rule of Reg. 1182/71 that justifies it.</summary>
public sealed record DeadlineStep(string Rule, string Text);

/// <summary>
/// When a period expires — the exclusive end: a period whose last day is D expires at D+1 00:00 local time — and
/// why: the ordered steps, and the calendar (country, version, SHA-256) whose holidays were used.
/// </summary>
public sealed record Deadline(
    DateTimeOffset ExpiresAt,
    DateOnly? LastDay,
    IReadOnlyList<DeadlineStep> Steps,
    string Country,
    int CalendarVersion,
    string CalendarSha256)
{
    public string Explain() => string.Join(Environment.NewLine, Steps.Select(s => $"{s.Rule}: {s.Text}"));
}
