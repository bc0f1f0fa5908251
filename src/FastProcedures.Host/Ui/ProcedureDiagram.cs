using System.Globalization;
using System.Net;
using System.Text;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Host.Ui;

/// <summary>
/// Draws a procedure definition as SVG on the server: the graph the Mermaid export describes (stages, transitions,
/// timer breaches), laid out in columns by distance from the initial stage, the current stage highlighted. No script
/// and no CDN: the page shows it without JavaScript.
/// </summary>
public static class ProcedureDiagram
{
    private const int BoxWidth = 170, BoxHeight = 44, ColumnGap = 60, RowGap = 18, Margin = 12;

    public static string Svg(WorkflowDefinition definition, string? currentStage)
    {
        var edges = Edges(definition).ToList();
        var layer = Layers(definition, edges);
        var columns = definition.Stages
            .GroupBy(s => layer[s.Id])
            .OrderBy(g => g.Key)
            .Select(g => g.ToList())
            .ToList();
        var position = new Dictionary<string, (int X, int Y)>();
        for (var c = 0; c < columns.Count; c++)
        {
            for (var r = 0; r < columns[c].Count; r++)
            {
                position[columns[c][r].Id] = (Margin + c * (BoxWidth + ColumnGap), Margin + r * (BoxHeight + RowGap));
            }
        }
        var width = Margin * 2 + columns.Count * (BoxWidth + ColumnGap) - ColumnGap;
        var height = Margin * 2 + columns.Max(c => c.Count) * (BoxHeight + RowGap) - RowGap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"diagram-title\">");
        svg.Append(CultureInfo.InvariantCulture,
            $"<title id=\"diagram-title\">{E(definition.Title)} v{definition.Version}: {definition.Stages.Count} stages{(currentStage is null ? "" : $", now in {E(currentStage)}")}</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#424242\"/></marker></defs>");
        foreach (var edge in edges.Where(e => position.ContainsKey(e.From) && position.ContainsKey(e.To) && e.From != e.To))
        {
            var (fx, fy) = position[edge.From];
            var (tx, ty) = position[edge.To];
            var forward = tx > fx;
            var x1 = forward ? fx + BoxWidth : fx;
            var x2 = forward ? tx : tx + BoxWidth;
            var dash = edge.Breach ? " stroke-dasharray=\"5 3\"" : "";
            var colour = edge.Breach ? "#b71c1c" : "#424242";
            svg.Append(CultureInfo.InvariantCulture,
                $"<path d=\"M {x1} {fy + BoxHeight / 2} C {(x1 + x2) / 2} {fy + BoxHeight / 2}, {(x1 + x2) / 2} {ty + BoxHeight / 2}, {x2} {ty + BoxHeight / 2}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.3\"{dash} marker-end=\"url(#arrow)\"><title>{E(edge.Label)}</title></path>");
        }
        foreach (var stage in definition.Stages)
        {
            var (x, y) = position[stage.Id];
            var current = stage.Id == currentStage;
            var fill = current ? "#0d47a1" : stage.Final ? "#eeeeee" : "#e3f2fd";
            var text = current ? "#ffffff" : "#212121";
            svg.Append(CultureInfo.InvariantCulture,
                $"<g data-stage=\"{E(stage.Id)}\"{(current ? " data-current=\"true\"" : "")}><title>{E(stage.Id)}{(stage.Unit is { } u ? $" ({E(u)})" : "")}: {E(stage.Description)}</title>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"{(stage.Final ? 22 : 6)}\" fill=\"{fill}\" stroke=\"{(current ? "#002171" : "#1565c0")}\" stroke-width=\"{(current ? 3 : 1)}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{x + BoxWidth / 2}\" y=\"{y + 19}\" text-anchor=\"middle\" font-size=\"12\" font-family=\"sans-serif\" fill=\"{text}\">{E(Shorten(stage.Id))}</text>");
            if (stage.Unit is { } unit)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x + BoxWidth / 2}\" y=\"{y + 35}\" text-anchor=\"middle\" font-size=\"11\" font-family=\"sans-serif\" fill=\"{text}\">{E(unit)}</text>");
            }
            svg.Append("</g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private sealed record Edge(string From, string To, string Label, bool Breach);

    private static IEnumerable<Edge> Edges(WorkflowDefinition definition)
    {
        foreach (var stage in definition.Stages)
        {
            foreach (var (eventName, transitions) in stage.On)
            {
                foreach (var transition in transitions.Where(t => t.Goto is not null))
                {
                    yield return new Edge(stage.Id, transition.Goto!,
                        transition.When is null ? eventName : $"{eventName} [{transition.When.Text}]", false);
                }
            }
        }
        foreach (var timer in definition.Timers)
        {
            var home = FastProcedures.Workflows.Export.BpmnExporter.TimerHome(definition, timer);
            foreach (var target in timer.OnBreach.Select(a => a.Goto).OfType<string>())
            {
                yield return new Edge(home.Id, target, $"{timer.Id} breached ({timer.PeriodText}, {timer.LegalBasis})", true);
            }
        }
    }

    /// <summary>Breadth-first distance from the initial stage; stages not reached go after the last column.</summary>
    private static Dictionary<string, int> Layers(WorkflowDefinition definition, List<Edge> edges)
    {
        var layer = new Dictionary<string, int> { [definition.Initial] = 0 };
        var queue = new Queue<string>([definition.Initial]);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var edge in edges.Where(e => e.From == stage && !layer.ContainsKey(e.To)))
            {
                layer[edge.To] = layer[stage] + 1;
                queue.Enqueue(edge.To);
            }
        }
        var last = layer.Values.DefaultIfEmpty(0).Max() + 1;
        foreach (var stage in definition.Stages.Where(s => !layer.ContainsKey(s.Id)))
        {
            layer[stage.Id] = last;
        }
        return layer;
    }

    private static string Shorten(string id) => id.Length <= 24 ? id : id[..22] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
