using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.LeavingBorderProcedure;

/// <summary>The border procedure no longer applies (APR Art. 53(2)): the grounds no longer apply, the support an
/// applicant in need of special procedural guarantees needs cannot be given, medical reasons, or the detention
/// guarantees are not met. The applicant is authorised to enter; the case continues in the territory. Which
/// procedures can be left, and where the case goes, is in their definitions (a stage reacting to
/// <c>BorderProcedureLeft</c>).</summary>
public sealed record LeaveBorderProcedure(
    string CaseId, long? ExpectedVersion, BorderProcedureLeavingGround Ground, string Reason, string LeftBy) : IAsylumCommand;

public static class LeaveBorderProcedureHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, LeaveBorderProcedure command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Reason, "Reason");
        Validation.Required(command.LeftBy, "LeftBy");
        if (open.LeftBorderProcedure)
        {
            return [];
        }
        var procedure = AsylumCases.ProcedureDefinition(catalog, open);
        var stage = procedure is not null ? open.Workflows.StageOf(procedure.Id) : null;
        Validation.Require(procedure is not null && stage is not null && procedure.HasStage(stage)
                && procedure.Stage(stage).On.ContainsKey(nameof(BorderProcedureLeft)),
            $"Case {command.CaseId} is not in a stage of a border procedure that can be left (APR Art. 53(2)).");
        return [new BorderProcedureLeft(command.CaseId, command.Ground, command.Reason, command.LeftBy, now)];
    }
}
