using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace FastProcedures.Statistics.ProcessMining;

/// <summary>The bounds of a process-mining export as <c>fastproc export</c> and <c>GET /api/reports/ocel|xes</c> read
/// them: a local day of the country (from its start; a last day up to the start of the next) or an ISO 8601 instant
/// with offset.</summary>
public static class ExportWindow
{
    /// <param name="end">The upper bound: a day is included whole.</param>
    /// <returns>The instant, or null when the text is neither a day nor an instant with offset.</returns>
    public static DateTimeOffset? Bound(string? text, DateTimeZone zone, bool end)
    {
        if (text is null)
        {
            return null;
        }
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } day)
        {
            var date = end ? day.Value.PlusDays(1) : day.Value;
            return zone.AtStartOfDay(date).ToDateTimeOffset();
        }
        return text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > text.IndexOf('T'))
            ? instant
            : null;
    }
}
