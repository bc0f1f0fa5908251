using JasperFx.Events;
using FastProcedures.Cases.Workflows;
using Marten;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Extend the regular examination period (APR Art. 35(5)): first by 6 months, then, exceptionally, by 3 more.</summary>
public sealed record ExtendExamination(string CaseId, long? ExpectedVersion, string Reason, string ExtendedBy);

public static class ExtendExaminationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ExtendExamination command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.ExtendedBy, "ExtendedBy");
        // The procedure's definition says whether its examination period can be extended (the regular one: APR Art. 35(5)).
        var extendable = AsylumCases.ProcedureDefinition(catalog, open)?.Timers
            .Any(t => t.Extensions.Any(x => x.On == nameof(ExaminationPeriodExtended))) ?? false;
        Validation.Require(extendable, $"Only the regular procedure's examination period can be extended (APR Art. 35(5)).");
        Validation.Require(open.Decision is null, $"Case {command.CaseId} is decided already.");
        var extended = open.Workflows.Instances[open.Procedure!].State.Timers.Values.SelectMany(t => t.ExtendedOn).ToHashSet();
        return extended.Contains(nameof(ExaminationPeriodFurtherExtended))
            ? throw new CaseCommandRefused($"The examination period of case {command.CaseId} was extended twice already (APR Art. 35(5)).")
            : extended.Contains(nameof(ExaminationPeriodExtended))
                ? [new ExaminationPeriodFurtherExtended(command.CaseId, command.Reason, command.ExtendedBy, now)]
                : [new ExaminationPeriodExtended(command.CaseId, command.Reason, command.ExtendedBy, now)];
    }

    public static (CaseChange, OutgoingMessages) Handle(
        ExtendExamination command, [Case] IEventStream<AsylumCase> stream, WorkflowCatalog catalog, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return CaseStreams.Decide(AsylumCases.Kind, stream, command.ExpectedVersion, catalog, now, state => Decide(state, command, now, catalog));
    }
}
