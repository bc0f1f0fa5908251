using System.Globalization;
using System.Xml.Linq;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Workflows.Export;

/// <summary>
/// A definition as BPMN 2.0 XML with diagram interchange (laid out left to right), for bpmn-js and Camunda Modeler:
/// stages are tasks, transitions sequence flows (through exclusive gateways where a stage has several ways out or
/// in), timers timer boundary events carrying the ISO 8601 duration, with their legal basis as documentation.
/// Shaped to pass <c>bpmnlint:recommended</c>.
/// </summary>
public static class BpmnExporter
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    // Room in a cell for a task with up to four timers on its lower edge, their breach end events below it, a split
    // gateway or end event right of it and the next column's join gateway, none overlapping (bpmnlint).
    private const int TaskWidth = 200, TaskHeight = 80, ColumnWidth = 420, RowHeight = 220, EventSize = 36, GatewaySize = 50,
        TimerSpacing = 46;

    /// <summary>The stage whose task carries a timer's boundary event: the first stage whose entry starts it, the initial stage for a timer started with
    /// the workflow, else the stage its starting event leads to, else the stage that waits for the event stopping
    /// it, else the initial stage.</summary>
    public static StageDefinition TimerHome(WorkflowDefinition definition, TimerDefinition timer) =>
        timer.StartsOnEntering.Select(definition.Stage).FirstOrDefault(s => !s.Final)
        ?? (timer.StartsOn.Contains(WorkflowEvents.WorkflowStarted) ? definition.Stage(definition.Initial) : null)
        ?? definition.Stages.SelectMany(s => s.On.Where(o => timer.StartsOn.Contains(o.Key)).SelectMany(o => o.Value))
            .Select(t => t.Goto).OfType<string>().Select(definition.Stage).FirstOrDefault(s => !s.Final)
        ?? definition.Stages.FirstOrDefault(s => !s.Final && s.On.Keys.Any(timer.StopsOn.Contains))
        ?? definition.Stage(definition.Initial);

    public static string Export(WorkflowDefinition definition)
    {
        var graph = new Graph(definition);
        var process = new XElement(Bpmn + "process",
            new XAttribute("id", Xml(definition.Id) + "_process"),
            new XAttribute("name", definition.Title),
            new XAttribute("isExecutable", "false"),
            new XElement(Bpmn + "documentation", $"{definition.Title} — {definition.LegalBasis}; version {definition.Version}, sha256 {definition.Hash}"));
        foreach (var node in graph.Nodes)
        {
            process.Add(node.ToXml(graph));
        }
        foreach (var flow in graph.Flows)
        {
            process.Add(flow.ToXml());
        }

        var plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", "Plane_1"), new XAttribute("bpmnElement", process.Attribute("id")!.Value));
        foreach (var node in graph.Nodes)
        {
            plane.Add(new XElement(BpmnDi + "BPMNShape",
                new XAttribute("id", node.Id + "_di"), new XAttribute("bpmnElement", node.Id),
                node.Kind == NodeKind.Gateway ? new XAttribute("isMarkerVisible", "true") : null,
                Bounds(node)));
        }
        foreach (var flow in graph.Flows)
        {
            var (from, to) = (graph.Node(flow.Source), graph.Node(flow.Target));
            plane.Add(new XElement(BpmnDi + "BPMNEdge",
                new XAttribute("id", flow.Id + "_di"), new XAttribute("bpmnElement", flow.Id),
                Waypoints(from, to)));
        }

        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(Bpmn + "definitions",
                new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn),
                new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi),
                new XAttribute(XNamespace.Xmlns + "dc", Dc),
                new XAttribute(XNamespace.Xmlns + "di", Di),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
                new XAttribute("id", "Definitions_" + Xml(definition.Id)),
                new XAttribute("targetNamespace", "https://fastprocedures.eu/workflows/" + definition.Id),
                new XAttribute("exporter", "FastProcedures"),
                new XAttribute("exporterVersion", "1"),
                process,
                new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "Diagram_1"), plane)));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    private static XElement Bounds(Node node) => new(Dc + "Bounds",
        new XAttribute("x", node.X), new XAttribute("y", node.Y), new XAttribute("width", node.Width), new XAttribute("height", node.Height));

    private static IEnumerable<XElement> Waypoints(Node from, Node to)
    {
        var start = from.Kind == NodeKind.Boundary
            ? (X: from.X + from.Width / 2, Y: from.Y + from.Height)
            : (X: from.X + from.Width, Y: from.Y + from.Height / 2);
        var end = (X: to.X, Y: to.Y + to.Height / 2);
        var points = new List<(int X, int Y)> { start };
        if (from.Kind == NodeKind.Boundary)
        {
            points.Add((start.X, end.Y == start.Y ? end.Y : Math.Max(start.Y + 20, end.Y)));
        }
        else if (start.Y != end.Y)
        {
            var middle = start.X + Math.Max(10, (end.X - start.X) / 2);
            points.Add((middle, start.Y));
            points.Add((middle, end.Y));
        }
        points.Add(end);
        return points.Select(p => new XElement(Di + "waypoint", new XAttribute("x", p.X), new XAttribute("y", p.Y)));
    }

    private static string Xml(string id) => id.Replace('-', '_');

    private enum NodeKind { Start, End, Task, Gateway, Boundary }

    private sealed record Node(string Id, NodeKind Kind, string Name, string? Documentation, int X, int Y, int Width, int Height)
    {
        public string? AttachedTo { get; init; }
        public string? Duration { get; init; }

        public XElement ToXml(Graph graph)
        {
            var element = new XElement(Bpmn + Kind switch
            {
                NodeKind.Start => "startEvent",
                NodeKind.End => "endEvent",
                NodeKind.Task => "task",
                NodeKind.Gateway => "exclusiveGateway",
                _ => "boundaryEvent",
            }, new XAttribute("id", Id), new XAttribute("name", Name));
            if (Kind == NodeKind.Boundary)
            {
                element.Add(new XAttribute("attachedToRef", AttachedTo!), new XAttribute("cancelActivity", "true"));
            }
            if (Documentation is not null)
            {
                element.Add(new XElement(Bpmn + "documentation", Documentation));
            }
            foreach (var flow in graph.Flows.Where(f => f.Target == Id))
            {
                element.Add(new XElement(Bpmn + "incoming", flow.Id));
            }
            foreach (var flow in graph.Flows.Where(f => f.Source == Id))
            {
                element.Add(new XElement(Bpmn + "outgoing", flow.Id));
            }
            if (Kind == NodeKind.Boundary)
            {
                element.Add(new XElement(Bpmn + "timerEventDefinition", new XAttribute("id", Id + "_definition"),
                    new XElement(Bpmn + "timeDuration", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), Duration)));
            }
            return element;
        }
    }

    private sealed record Flow(string Id, string Source, string Target, string? Name, string? Condition)
    {
        public XElement ToXml() => new(Bpmn + "sequenceFlow",
            new XAttribute("id", Id), new XAttribute("sourceRef", Source), new XAttribute("targetRef", Target),
            Name is null ? null : new XAttribute("name", Name),
            Condition is null ? null : new XElement(Bpmn + "conditionExpression",
                new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), Condition));
    }

    /// <summary>Builds nodes and flows, adding gateways where BPMN needs explicit splits and joins.</summary>
    private sealed class Graph
    {
        private readonly List<Node> _nodes = [];
        private readonly List<Flow> _flows = [];
        private readonly Dictionary<string, (int Column, int Row)> _cells = new();

        public Graph(WorkflowDefinition definition)
        {
            Layout(definition);
            var edges = new List<(string From, string To, string Label, string? Condition)>();

            _nodes.Add(Event("Start", NodeKind.Start, "Case opened", -1, _cells[definition.Initial].Row));
            edges.Add(("Start", StageId(definition.Initial), "", null));

            foreach (var stage in definition.Stages)
            {
                var (column, row) = _cells[stage.Id];
                var unit = stage.Unit is null ? "" : $" [{stage.Unit} unit]";
                var tasks = stage.Tasks.Count == 0 ? "" : " Tasks: " + string.Join("; ", stage.Tasks.Select(t => t.Title)) + ".";
                _nodes.Add(new Node(StageId(stage.Id), NodeKind.Task, Title(stage.Id), stage.Description + unit + tasks,
                    X(column), Y(row), TaskWidth, TaskHeight));
                foreach (var (eventName, transitions) in stage.On)
                {
                    foreach (var transition in transitions.Where(t => t.Goto is not null))
                    {
                        var label = transition.When is null ? eventName : $"{eventName} [{transition.When.Text}]";
                        edges.Add((StageId(stage.Id), StageId(transition.Goto!), label, label));
                    }
                }
                if (stage.Final || !edges.Any(e => e.From == StageId(stage.Id)))
                {
                    var end = "End_" + Xml(stage.Id);
                    _nodes.Add(new Node(end, NodeKind.End, stage.Final ? "Closed" : "Ends here", null,
                        X(column) + TaskWidth + 40, Y(row) + (TaskHeight - EventSize) / 2, EventSize, EventSize));
                    edges.Add((StageId(stage.Id), end, "", null));
                }
            }

            var timerIndex = new Dictionary<string, int>();
            var timersPerHome = definition.Timers.GroupBy(t => TimerHome(definition, t).Id).ToDictionary(g => g.Key, g => g.Count());
            foreach (var timer in definition.Timers)
            {
                var home = TimerHome(definition, timer);
                var task = Node(StageId(home.Id));
                var index = timerIndex[home.Id] = timerIndex.GetValueOrDefault(home.Id) + 1;
                // Many timers on one task share its bottom edge rather than run past it into the next element.
                var spacing = Math.Min(TimerSpacing, (TaskWidth - 16 - EventSize) / Math.Max(1, timersPerHome[home.Id] - 1));
                var id = "Timer_" + Xml(timer.Id);
                var period = timer.Period?.ToString() ?? definition.Parameters.First(p => p.Id == timer.Parameter).Default.ToString();
                _nodes.Add(new Node(id, NodeKind.Boundary, $"{Title(timer.Id)} ({timer.PeriodText})",
                    $"{timer.Title}. Legal basis: {timer.LegalBasis}. Period {timer.PeriodText}" +
                    (timer.WorkingDays ? " in working days" : "") +
                    $", counted under Reg. (EEC, Euratom) 1182/71 from {string.Join(" or ", timer.StartsOn.Concat(timer.StartsOnEntering.Select(s => "entering " + s)))}" +
                    (timer.StopsOn.Count > 0 ? $", stopped by {string.Join(" or ", timer.StopsOn)}." : "."),
                    task.X + 8 + (index - 1) * spacing, task.Y + TaskHeight - EventSize / 2, EventSize, EventSize)
                {
                    AttachedTo = task.Id,
                    Duration = period,
                });
                var targets = timer.OnBreach.Select(a => a.Goto).OfType<string>().ToList();
                if (targets.Count > 0)
                {
                    edges.Add((id, StageId(targets[0]), "limit passed", null));
                }
                else
                {
                    var end = "Breach_" + Xml(timer.Id);
                    var messages = timer.OnBreach.Select(a => a.Send).OfType<SendAction>().Select(s => $"{s.Message} to {s.To}").ToList();
                    // Below its timer, clear of the task and of the next row.
                    _nodes.Add(new Node(end, NodeKind.End, messages.Count > 0 ? $"Escalated: {string.Join(", ", messages)}" : "Limit passed",
                        null, task.X + 8 + (index - 1) * spacing, task.Y + TaskHeight + 60, EventSize, EventSize));
                    edges.Add((id, end, "limit passed", null));
                }
            }

            Connect(edges);
        }

        public IReadOnlyList<Node> Nodes => _nodes;
        public IReadOnlyList<Flow> Flows => _flows;

        public Node Node(string id) => _nodes.First(n => n.Id == id);

        /// <summary>Several ways out of a task go through a split gateway; several ways into a task through a join
        /// gateway (bpmnlint: no implicit split, no fake join).</summary>
        private void Connect(List<(string From, string To, string Label, string? Condition)> edges)
        {
            var flowNumber = 0;
            string NextFlow() => "Flow_" + (++flowNumber).ToString(CultureInfo.InvariantCulture);

            var entry = new Dictionary<string, string>();
            foreach (var group in edges.GroupBy(e => e.To).Where(g => g.Count() > 1 && Node(g.Key).Kind == NodeKind.Task))
            {
                var target = Node(group.Key);
                var join = new Node("Join_" + target.Id, NodeKind.Gateway, "Join", null,
                    target.X - 75, target.Y + (TaskHeight - GatewaySize) / 2, GatewaySize, GatewaySize);
                _nodes.Add(join);
                _flows.Add(new Flow(NextFlow(), join.Id, target.Id, null, null));
                entry[group.Key] = join.Id;
            }
            foreach (var group in edges.GroupBy(e => e.From))
            {
                var source = Node(group.Key);
                var outgoing = group.ToList();
                var from = source.Id;
                var conditional = false;
                if (outgoing.Count > 1 && source.Kind == NodeKind.Task)
                {
                    var split = new Node("Split_" + source.Id, NodeKind.Gateway, "Which event?", null,
                        source.X + TaskWidth + 20, source.Y + (TaskHeight - GatewaySize) / 2, GatewaySize, GatewaySize);
                    _nodes.Add(split);
                    _flows.Add(new Flow(NextFlow(), source.Id, split.Id, null, null));
                    from = split.Id;
                    conditional = true;
                }
                foreach (var edge in outgoing)
                {
                    var to = entry.GetValueOrDefault(edge.To, edge.To);
                    // Only the ways out of a split carry a label (bpmnlint: superfluous-label).
                    _flows.Add(new Flow(NextFlow(), from, to, conditional && edge.Label.Length > 0 ? edge.Label : null,
                        conditional ? edge.Condition ?? edge.Label : null));
                }
            }
        }

        private void Layout(WorkflowDefinition definition)
        {
            // Columns by shortest distance from the initial stage (breach targets one column right of their timer's home).
            var depth = new Dictionary<string, int> { [definition.Initial] = 0 };
            var queue = new Queue<string>([definition.Initial]);
            while (queue.TryDequeue(out var id))
            {
                var stage = definition.Stage(id);
                var next = stage.On.Values.SelectMany(t => t).Select(t => t.Goto).OfType<string>()
                    .Concat(definition.Timers.Where(t => TimerHome(definition, t).Id == id)
                        .SelectMany(t => t.OnBreach).Select(a => a.Goto).OfType<string>());
                foreach (var target in next.Where(t => !depth.ContainsKey(t)))
                {
                    depth[target] = depth[id] + 1;
                    queue.Enqueue(target);
                }
            }
            var rows = new Dictionary<int, int>();
            foreach (var stage in definition.Stages)
            {
                var column = depth.GetValueOrDefault(stage.Id, depth.Values.DefaultIfEmpty(0).Max() + 1);
                var row = rows[column] = rows.GetValueOrDefault(column, -1) + 1;
                _cells[stage.Id] = (column, row);
            }
        }

        private static Node Event(string id, NodeKind kind, string name, double column, double row) =>
            new(id, kind, name, null, (int)(X(column) + (TaskWidth - EventSize) / 2.0), (int)(Y(row) + (TaskHeight - EventSize) / 2.0), EventSize, EventSize);

        private static int X(double column) => 480 + (int)(column * ColumnWidth);

        private static int Y(double row) => 100 + (int)(row * RowHeight);

        private static string StageId(string stage) => "Stage_" + Xml(stage);

        private static string Title(string id) => char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' ');
    }

    private sealed class Utf8StringWriter : System.IO.StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
