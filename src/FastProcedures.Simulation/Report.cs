using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScottPlot;

namespace FastProcedures.Simulation;

/// <summary>The KPI table, the JSON document and the self-contained HTML page (charts as inline SVG drawn here, no
/// script, no CDN) of one run or of two runs side by side.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string ToJson(IReadOnlyList<(string Label, SimulationResult Result)> runs) => JsonSerializer.Serialize(
        new { runs = runs.Select(r => new { label = r.Label, kpis = Kpis(r.Result), result = r.Result }) }, Json);

    /// <summary>The headline KPIs, as the steering dashboard names them.</summary>
    public static IReadOnlyDictionary<string, double> Kpis(SimulationResult r) => new SortedDictionary<string, double>(StringComparer.Ordinal)
    {
        ["applications"] = r.Arrived,
        ["decisions_within_limit_share"] = Math.Round(r.DecisionsWithinLimitShare, 4),
        ["return_rate"] = Math.Round(r.ReturnRate, 4),
        ["breaches"] = r.Timers.Sum(t => t.Breached),
        // Breaches the authorities answer for: not the applicant's own appeal window passing, not an absconded applicant.
        ["breaches_by_capacity"] = r.BreachesByCause.Where(c => c.Key.StartsWith("staff", StringComparison.Ordinal)
            || c.Key is "detention places" or "removal capacity").Sum(c => c.Value),
        ["absconded"] = r.Absconded,
        ["removed"] = r.Removed,
        ["departed_voluntarily"] = r.DepartedVoluntarily,
        ["final_negative"] = r.FinalNegative,
        ["backlog_end_asylum"] = r.Backlog.FirstOrDefault(b => b.Unit == FastProcedures.Cases.Asylum.AsylumConfiguration.Unit)?.PerDay.LastOrDefault() ?? 0,
    };

    public static string ToText(IReadOnlyList<(string Label, SimulationResult Result)> runs)
    {
        var text = new StringBuilder();
        var first = runs[0].Result;
        text.AppendLine($"{first.Title} ({first.Scenario}), {first.Days} days");
        Row(text, "KPI", runs.Select(r => r.Label));
        foreach (var key in Kpis(first).Keys)
        {
            Row(text, key, runs.Select(r => Number(Kpis(r.Result)[key])));
        }
        text.AppendLine();
        Row(text, "timer (workflow/timer): met / breached", runs.Select(r => r.Label));
        foreach (var timer in first.Timers)
        {
            Row(text, $"{timer.Workflow}/{timer.Timer}", runs.Select(r => TimerCell(r.Result, timer)));
        }
        text.AppendLine();
        Row(text, "stage (workflow/stage): median / p90 days", runs.Select(r => r.Label));
        foreach (var stage in first.Stages)
        {
            Row(text, $"{stage.Workflow}/{stage.Stage}", runs.Select(r => StageCell(r.Result, stage)));
        }
        text.AppendLine();
        Row(text, "breaches by cause", runs.Select(r => r.Label));
        foreach (var cause in runs.SelectMany(r => r.Result.BreachesByCause.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            Row(text, cause, runs.Select(r => Number(r.Result.BreachesByCause.GetValueOrDefault(cause))));
        }
        return text.ToString();
    }

    public static string ToHtml(IReadOnlyList<(string Label, SimulationResult Result)> runs)
    {
        var first = runs[0].Result;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Simulation: {first.Title}"))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1b1b}table{border-collapse:collapse;margin:1rem 0}")
            .Append("th,td{border:1px solid #bbb;padding:.25rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("figure{display:inline-block;margin:0 1rem 1rem 0}figcaption{font-weight:600}</style></head><body>");
        html.Append("<h1>").Append(E(first.Title)).Append("</h1><p>Scenario <code>").Append(E(first.Scenario))
            .Append("</code>, ").Append(first.Days).Append(" simulated days. Runs: ")
            .Append(E(string.Join(", ", runs.Select(r => r.Label)))).Append(".</p>");
        Table(html, "Key figures", runs, Kpis(first).Keys.Select(k => (k, (Func<SimulationResult, string>)(r => Number(Kpis(r)[k])))));
        html.Append("<h2>Backlog per unit</h2>");
        foreach (var (label, result) in runs)
        {
            html.Append("<figure><figcaption>").Append(E(label)).Append("</figcaption>").Append(BacklogChart(result)).Append("</figure>");
        }
        html.Append("<h2>Breaches by timer</h2>");
        foreach (var (label, result) in runs)
        {
            html.Append("<figure><figcaption>").Append(E(label)).Append("</figcaption>").Append(BreachChart(result)).Append("</figure>");
        }
        Table(html, "Timers: kept / breached", runs, first.Timers.Select(t => ($"{t.Workflow}/{t.Timer} ({t.LegalBasis})",
            (Func<SimulationResult, string>)(r => TimerCell(r, t)))));
        Table(html, "Days per stage: median / 90th percentile", runs, first.Stages.Select(s => ($"{s.Workflow}/{s.Stage}",
            (Func<SimulationResult, string>)(r => StageCell(r, s)))));
        Table(html, "Breaches by cause", runs, runs.SelectMany(r => r.Result.BreachesByCause.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(c => (c, (Func<SimulationResult, string>)(r => Number(r.BreachesByCause.GetValueOrDefault(c))))));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>A run's "kept / breached" for the timer of another run's row ("-" when the run never started it).</summary>
    private static string TimerCell(SimulationResult run, TimerFigures row) =>
        run.Timers.FirstOrDefault(t => t.Workflow == row.Workflow && t.Timer == row.Timer) is { } t ? $"{t.Met} / {t.Breached}" : "-";

    /// <summary>A run's "median / p90" days for the stage of another run's row.</summary>
    private static string StageCell(SimulationResult run, StageFigures row) =>
        run.Stages.FirstOrDefault(s => s.Workflow == row.Workflow && s.Stage == row.Stage) is { } s
            ? $"{Number(s.MedianDays)} / {Number(s.P90Days)}" : "-";

    private static string BacklogChart(SimulationResult result)
    {
        var plot = new Plot();
        foreach (var series in result.Backlog)
        {
            var line = plot.Add.Scatter(Enumerable.Range(0, series.PerDay.Count).Select(i => (double)i).ToArray(),
                series.PerDay.Select(v => (double)v).ToArray());
            line.LegendText = series.Unit;
            line.MarkerSize = 0;
        }
        plot.XLabel("day");
        plot.YLabel("cases waiting or in work");
        plot.ShowLegend();
        return plot.GetSvgXml(640, 360);
    }

    private static string BreachChart(SimulationResult result)
    {
        var plot = new Plot();
        var timers = result.Timers.Where(t => t.Started > 0).ToList();
        var bars = plot.Add.Bars(timers.Select(t => (double)t.Breached).ToArray());
        bars.Horizontal = true;
        plot.Axes.Left.SetTicks(Enumerable.Range(0, timers.Count).Select(i => (double)i).ToArray(),
            timers.Select(t => $"{t.Workflow}/{t.Timer}").ToArray());
        plot.XLabel("breaches");
        return plot.GetSvgXml(640, Math.Max(240, 22 * timers.Count + 80));
    }

    private static void Table(StringBuilder html, string title, IReadOnlyList<(string Label, SimulationResult Result)> runs,
        IEnumerable<(string Name, Func<SimulationResult, string> Value)> rows)
    {
        html.Append("<h2>").Append(E(title)).Append("</h2><table><thead><tr><th scope=\"col\">figure</th>");
        foreach (var (label, _) in runs)
        {
            html.Append("<th scope=\"col\">").Append(E(label)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><td>").Append(E(name)).Append("</td>");
            foreach (var (_, result) in runs)
            {
                html.Append("<td>").Append(E(value(result))).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static void Row(StringBuilder text, string name, IEnumerable<string> values) =>
        text.Append(name.PadRight(58)).AppendLine(string.Concat(values.Select(v => " " + v.PadLeft(17))));

    private static string Number(double value) => value.ToString(value % 1 == 0 ? "0" : "0.####", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
