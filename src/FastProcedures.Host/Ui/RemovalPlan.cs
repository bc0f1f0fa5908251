using System.Text.Json;
using FastProcedures.Host.Apis;

namespace FastProcedures.Host.Ui;

/// <summary>A removal on the planner: what the case's timeline says was scheduled and not cancelled or carried out.</summary>
public sealed record PlannedRemoval(string CaseId, DateOnly On, string Carrier, string Flight, int Escorts, bool Detained,
    DateTimeOffset? DetentionEndsAt)
{
    public List<string> Conflicts { get; } = [];
}

/// <summary>
/// The removal planner's reading of the API: scheduled removals from each return case's timeline, and the conflicts
/// a return officer must see — a removal bar standing on the day (the interlock), a detention that ends before the
/// flight, more escorts on a day than the unit has.
/// </summary>
public static class RemovalPlan
{
    public static PlannedRemoval? FromTimeline(string caseId, Timeline timeline, IReadOnlyList<DeadlineBoardItem> deadlines)
    {
        JsonElement? removal = null;
        var detained = false;
        foreach (var entry in timeline.Events)
        {
            var data = entry.Data is JsonElement { ValueKind: JsonValueKind.Object } element ? element : default;
            switch (entry.Type)
            {
                case "RemovalScheduled":
                    removal = data;
                    break;
                case "RemovalCancelled" or "RemovalExecuted":
                    removal = null;
                    break;
                case "DetentionOrdered":
                    detained = true;
                    break;
                case "DetentionEnded":
                    detained = false;
                    break;
            }
        }
        if (removal is not { } r || !DateOnly.TryParse(r.GetProperty("removalOn").GetString(), System.Globalization.CultureInfo.InvariantCulture, out var on))
        {
            return null;
        }
        // The detention's legal limit (RD Art. 15(5)-(6)) is the case's running detention timer.
        var limit = detained
            ? deadlines.Where(d => d.CaseId == caseId && d.Timer.Contains("detention", StringComparison.Ordinal)).MinBy(d => d.ExpiresAt)?.ExpiresAt
            : null;
        return new PlannedRemoval(caseId, on, Text(r, "carrier"), Text(r, "flight"),
            r.TryGetProperty("escorts", out var escorts) && escorts.TryGetInt32(out var n) ? n : 0, detained, limit);
    }

    /// <summary>Flags the conflicts; <paramref name="barsOn"/> gives the removal bars of a case on a day,
    /// <paramref name="capacity"/> the escort capacity on record (<c>GET /api/return/escort-capacity</c>).</summary>
    public static void Flag(IReadOnlyList<PlannedRemoval> removals, Func<string, DateOnly, IReadOnlyList<string>> barsOn, EscortCapacityView capacity,
        string? country)
    {
        foreach (var removal in removals)
        {
            foreach (var bar in barsOn(removal.CaseId, removal.On))
            {
                removal.Conflicts.Add($"interlock: {bar}");
            }
            var flightStarts = new DateTimeOffset(removal.On.ToDateTime(TimeOnly.MinValue), Due.Zone(country).GetUtcOffset(removal.On.ToDateTime(TimeOnly.MinValue)));
            if (removal.DetentionEndsAt is { } ends && ends <= flightStarts)
            {
                removal.Conflicts.Add($"detention ends {Due.Local(ends, country)}, before the flight");
            }
        }
        foreach (var day in removals.GroupBy(r => r.On).Where(g => g.Sum(r => r.Escorts) > 0))
        {
            var needed = day.Sum(r => r.Escorts);
            var conflict = capacity.On(day.Key) is not { } inForce
                ? $"escorts: {needed} needed on {day.Key:yyyy-MM-dd}, no escort capacity on record for the day"
                : needed > inForce.EscortsPerDay
                    ? $"escorts: {needed} needed on {day.Key:yyyy-MM-dd}, {inForce.EscortsPerDay} available (from {inForce.From:yyyy-MM-dd}: {inForce.Source})"
                    : null;
            foreach (var removal in day.Where(_ => conflict is not null))
            {
                removal.Conflicts.Add(conflict!);
            }
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
