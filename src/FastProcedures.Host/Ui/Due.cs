namespace FastProcedures.Host.Ui;

public enum DueState { None, Ok, Warning, Today, Overdue }

/// <summary>How urgent a legal deadline is for the person looking at it, in the case's country's time.</summary>
public static class Due
{
    /// <summary>Without a warn point from the definition, a deadline is shown as close one week before it expires.</summary>
    private static readonly TimeSpan DefaultWarning = TimeSpan.FromDays(7);

    public static TimeZoneInfo Zone(string? country) => TimeZoneInfo.FindSystemTimeZoneById(country switch
    {
        "RO" => "Europe/Bucharest",
        _ => "Europe/Sofia",
    });

    public static DueState Of(DateTimeOffset? expiresAt, DateTimeOffset? warnAt, string? status, string? country, DateTimeOffset now)
    {
        if (status is "breached")
        {
            return DueState.Overdue;
        }
        // An elapsed window (kind: window) is a period granted to the person that ran out: nothing is overdue.
        if (expiresAt is not { } expires || status is "met" or "stopped" or "suspended" or "elapsed")
        {
            return DueState.None;
        }
        if (expires <= now)
        {
            return DueState.Overdue;
        }
        var zone = Zone(country);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        // Deadlines expire at the exclusive end of their last day: 00:00 of the next day is still "due today".
        if (TimeZoneInfo.ConvertTime(expires.AddTicks(-1), zone).Date <= today)
        {
            return DueState.Today;
        }
        return now >= (warnAt ?? expires - DefaultWarning) ? DueState.Warning : DueState.Ok;
    }

    public static string Css(DueState state) => state switch
    {
        DueState.Overdue => "fp-badge fp-badge-overdue",
        DueState.Today => "fp-badge fp-badge-today",
        DueState.Warning => "fp-badge fp-badge-warning",
        DueState.Ok => "fp-badge fp-badge-ok",
        _ => "fp-badge fp-badge-none",
    };

    public static string Label(DueState state) => state switch
    {
        DueState.Overdue => "overdue",
        DueState.Today => "due today",
        DueState.Warning => "warning",
        DueState.Ok => "ok",
        _ => "no deadline",
    };

    /// <summary>A local date and time in the case's country, with the zone's abbreviation left out.</summary>
    public static string Local(DateTimeOffset? at, string? country) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, Zone(country)).ToString("yyyy-MM-dd HH:mm") : "—";
}
