using System.Text;
using FastProcedures.Workflows.Clock;
using FastProcedures.Workflows.Definitions;

namespace FastProcedures.Workflows.Export;

/// <summary>
/// <c>docs/procedures.md</c> generated from the definitions: one table of every timer with its period, counting, start
/// and stop events and legal basis (national values of parameters from the country calendars), the extensions, and
/// each procedure's stages and Mermaid diagram. Pure: the same definitions and calendars give the same text.
/// </summary>
public static class ProceduresDocument
{
    public const string RegenerateCommand = "dotnet run --project src/FastProcedures.Cli -- workflows docs --out docs/procedures.md";

    public static string Generate(IEnumerable<WorkflowDefinition> definitions, IReadOnlyDictionary<string, CountryCalendar> calendars)
    {
        var all = definitions.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version).ToList();
        var countries = calendars.Values.OrderBy(c => c.Country, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine("# Procedures and their time limits");
        text.AppendLine();
        text.AppendLine($"<!-- Generated from workflows/*.yaml by `fastproc workflows docs`; do not edit. Regenerate: {RegenerateCommand} -->");
        text.AppendLine();
        text.AppendLine("Periods are ISO 8601 durations counted under Reg. (EEC, Euratom) 1182/71 in the case's country calendar");
        text.AppendLine("(`workflows/calendars/`). A period given by a parameter is a national choice within the legal range; each");
        text.AppendLine("country's value is shown. Points marked unconfirmed in the definitions are listed in `docs/legal-notes.md`.");
        text.AppendLine();
        text.AppendLine("## Timers");
        text.AppendLine();
        text.AppendLine("| Procedure | Timer | Period | Counting | Starts on | Stops on | Legal basis | On breach (limit) / elapsed (window) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var definition in all)
        {
            foreach (var timer in definition.Timers)
            {
                var starts = string.Join(", ", timer.StartsOn.Select(e => e + (timer.StartsWhen is { } when ? $" when `{when.Text}`" : ""))
                    .Concat(timer.StartsOnEntering.Select(stage => $"entering {stage}")));
                starts += timer.CountsFrom switch
                {
                    { Field: { } field, After: { } after } => $"; counts from `{field}` + {after}",
                    { Field: { } field } => $"; counts from `{field}`",
                    { Timer: { } other } => $"; counts from the start of {other}",
                    _ => "",
                };
                starts += timer.DeductsDays is { } served ? $"; less the days in `{served}`" : "";
                var stops = string.Join(", ", timer.StopsOn.Select(e => e + (timer.StopsWhen.TryGetValue(e, out var guard) ? $" when `{guard.Text}`" : "")));
                var counting = (timer.WorkingDays ? "working days" : "calendar") + (timer.ShiftLastDay ? "" : ", last day not moved (no Art. 3(4))");
                var breach = string.Join(", ", timer.OnBreach.Select(a =>
                    a.Send is { } s ? $"{s.Message} to {s.To}" : $"go to {a.Goto}"));
                // A window is granted to the person: it elapses, never a breach (kind: window).
                breach = timer.Window ? $"window, elapses: {(breach.Length == 0 ? "nothing follows" : breach)}" : breach;
                text.AppendLine($"| {Name(definition)} | {timer.Id} | {Period(definition, timer, countries)} | " +
                                $"{counting} | {Cell(starts)} | {(stops.Length == 0 ? "—" : Cell(stops))} | " +
                                $"{Cell(timer.LegalBasis)} | {Cell(breach)} |");
            }
        }
        text.AppendLine();
        text.AppendLine("## Suspensions and extensions");
        text.AppendLine();
        text.AppendLine("| Procedure | Timer | Event | Effect | Legal basis |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var definition in all)
        {
            foreach (var timer in definition.Timers)
            {
                if (timer.SuspendsOn.Count > 0)
                {
                    text.AppendLine($"| {Name(definition)} | {timer.Id} | {Events(timer.SuspendsOn)} / {Events(timer.ResumesOn)} | " +
                                    $"suspended / resumed, lengthened by the days suspended | {Cell(timer.LegalBasis)} |");
                }
                foreach (var extension in timer.Extensions)
                {
                    var effect = (extension.To is { } to ? $"period becomes {to}" : $"period + {extension.By}") + $", at most {extension.Max}" +
                                 (extension.When is { } w ? $", when `{w.Text}`" : "");
                    text.AppendLine($"| {Name(definition)} | {timer.Id} | {extension.On} | {Cell(effect)} | {Cell(extension.LegalBasis)} |");
                }
            }
        }
        foreach (var definition in all)
        {
            text.AppendLine();
            text.AppendLine($"## {definition.Title} (`{definition.Id}` v{definition.Version})");
            text.AppendLine();
            text.AppendLine($"Legal basis: {definition.LegalBasis}. Case: {definition.CaseKind}. " +
                            $"Applies from: {definition.AppliesFrom?.ToString("yyyy-MM-dd") ?? "always"}. SHA-256: `{definition.Hash}`.");
            text.AppendLine();
            text.AppendLine("| Stage | Unit | What happens |");
            text.AppendLine("|---|---|---|");
            foreach (var stage in definition.Stages)
            {
                text.AppendLine($"| {stage.Id}{(stage.Final ? " (final)" : "")} | {stage.Unit ?? ""} | {Cell(stage.Description)} |");
            }
            text.AppendLine();
            text.AppendLine("```mermaid");
            text.Append(MermaidExporter.Export(definition));
            text.AppendLine("```");
        }
        return text.ToString();
    }

    private static string Name(WorkflowDefinition definition) => definition.Version == 1 ? definition.Id : $"{definition.Id} v{definition.Version}";

    private static string Period(WorkflowDefinition definition, TimerDefinition timer, IReadOnlyList<CountryCalendar> countries)
    {
        if (timer.Period is { } period)
        {
            return period.ToString();
        }
        var parameter = definition.Parameters.First(p => p.Id == timer.Parameter);
        var values = countries.Select(c => $"{c.Country} {definition.PeriodOf(timer, c.Parameters)}");
        var granted = timer.PeriodDaysField is { } field ? $"the days in `{field}` within {parameter.Min}..{parameter.Max}, else " : "";
        return $"{granted}{parameter.Id}: {parameter.Min}..{parameter.Max} ({string.Join(", ", values)})";
    }

    private static string Events(IReadOnlyList<string> events) => events.Count == 0 ? "—" : string.Join(", ", events);

    private static string Cell(string text) => text.Replace("|", "\\|").ReplaceLineEndings(" ");
}
