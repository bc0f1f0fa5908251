using System.Text;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Workflows.Export;

/// <summary>A definition as a Mermaid <c>stateDiagram-v2</c>, for the docs and the UI.</summary>
public static class MermaidExporter
{
    public static string Export(WorkflowDefinition definition)
    {
        var text = new StringBuilder();
        text.AppendLine("stateDiagram-v2");
        text.AppendLine($"    %% {definition.Id} v{definition.Version} sha256:{definition.Hash[..12]} — {definition.LegalBasis}");
        foreach (var stage in definition.Stages)
        {
            text.AppendLine($"    state \"{Escape(Title(stage.Id))}{(stage.Unit is { } u ? $" ({u})" : "")}\" as {Id(stage.Id)}");
        }
        text.AppendLine($"    [*] --> {Id(definition.Initial)}");
        foreach (var stage in definition.Stages)
        {
            foreach (var (eventName, transitions) in stage.On)
            {
                foreach (var transition in transitions.Where(t => t.Goto is not null))
                {
                    var label = transition.When is null ? eventName : $"{eventName} [{transition.When.Text}]";
                    text.AppendLine($"    {Id(stage.Id)} --> {Id(transition.Goto!)} : {Escape(label)}");
                }
            }
            if (stage.Final)
            {
                text.AppendLine($"    {Id(stage.Id)} --> [*]");
            }
        }
        foreach (var timer in definition.Timers)
        {
            var home = BpmnExporter.TimerHome(definition, timer);
            foreach (var target in timer.OnBreach.Select(a => a.Goto).OfType<string>())
            {
                text.AppendLine($"    {Id(home.Id)} --> {Id(target)} : {Escape($"{timer.Id} {(timer.Window ? "elapsed" : "breached")} ({timer.PeriodText}, {timer.LegalBasis})")}");
            }
        }
        foreach (var timer in definition.Timers)
        {
            var stage = BpmnExporter.TimerHome(definition, timer);
            text.AppendLine($"    note right of {Id(stage.Id)} : ⏱ {Escape(timer.Id)} {timer.PeriodText}{(timer.WorkingDays ? " working days" : "")} — {Escape(timer.LegalBasis)}");
        }
        return text.ToString();
    }

    private static string Id(string stage) => "s_" + stage.Replace('-', '_');

    private static string Title(string id) => char.ToUpperInvariant(id[0]) + id[1..].Replace('-', ' ');

    private static string Escape(string text) => text.Replace("\"", "'").Replace(":", "∶").Replace(";", ",");
}
