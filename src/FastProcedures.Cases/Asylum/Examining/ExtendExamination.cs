using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Examining;

/// <summary>Extend the examination period where the procedure's definition allows it: APR Art. 35(5) once by up to 6
/// months in the regular procedure, Art. 35(2) by up to 2 months for inadmissibility. The extensions the pinned
/// definition declares are used in order, each once; when none is left the command is refused (revision 2 of the
/// legal reference: no further +3 months in the APR, which came from the repealed Directive 2013/32 Art. 31(3)).</summary>
public sealed record ExtendExamination(string CaseId, long? ExpectedVersion, string Reason, string ExtendedBy) : IAsylumCommand;

public static class ExtendExaminationHandler
{
    /// <summary>The events a definition can extend an examination period on, in the order they are used.</summary>
    private static readonly string[] Extensions = [nameof(ExaminationPeriodExtended), nameof(ExaminationPeriodFurtherExtended)];

    public static IReadOnlyList<object> Decide(AsylumCase? state, ExtendExamination command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.ExtendedBy, "ExtendedBy");
        // The procedure's definition, as the case is pinned to it, says which extensions its examination period has.
        var declared = AsylumCases.ProcedureDefinition(catalog, open)?.Timers
            .SelectMany(t => t.Extensions.Select(x => x.On)).Where(Extensions.Contains).ToHashSet() ?? [];
        Validation.Require(declared.Count > 0,
            $"The examination period of case {command.CaseId} ({open.Procedure}) cannot be extended (APR Art. 35).");
        Validation.Require(open.Decision is null, $"Case {command.CaseId} is decided already.");
        var extended = open.Workflows.Instances[open.Procedure!].State.Timers.Values.SelectMany(t => t.ExtendedOn).ToHashSet();
        return Extensions.FirstOrDefault(e => declared.Contains(e) && !extended.Contains(e)) switch
        {
            nameof(ExaminationPeriodExtended) => [new ExaminationPeriodExtended(command.CaseId, command.Reason, command.ExtendedBy, now)],
            nameof(ExaminationPeriodFurtherExtended) => [new ExaminationPeriodFurtherExtended(command.CaseId, command.Reason, command.ExtendedBy, now)],
            _ => throw new CaseCommandRefused(
                $"The examination period of case {command.CaseId} was extended already; its procedure allows no further extension (APR Art. 35).")
        };
    }
}
