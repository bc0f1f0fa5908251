using FastProcedures.Cases.Messages;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum;

/// <summary>How asylum cases are stored and which messages their events send to other units.</summary>
public static class AsylumCases
{
    public static readonly CaseKind<AsylumCase> Kind = new(
        "asylum", AsylumConfiguration.Unit, AsylumCase.Fold,
        (catalog, state, e) => AsylumCase.Starts(catalog, ApplicationDate(state, e), e), TypedMessage, Notifications);

    /// <summary>The linked return case of an asylum case.</summary>
    public static string ReturnCaseIdOf(string asylumCaseId) => asylumCaseId + "-R";

    private static DateOnly ApplicationDate(AsylumCase? state, object e) =>
        DateOnly.FromDateTime((state?.MadeAt ?? (e as ApplicationMade)?.MadeAt ?? DateTimeOffset.MinValue).UtcDateTime);

    /// <summary>Messages a definition sends whose receiving unit needs the case's data, typed.</summary>
    private static object? TypedMessage(WorkflowCatalog catalog, AsylumCase state, UnitMessageSent sent) => sent.Step.Message switch
    {
        nameof(ReturnDecisionRequested) when state.Decision is { Negative: true } decision => new ReturnDecisionRequested(
            state.Id, ReturnCaseIdOf(state.Id), state.Country, state.Nationality, IsBorderProcedure(catalog, state), decision),
        nameof(AsylumCaseHandedOver) when state.Decision is { } decision => new AsylumCaseHandedOver(
            state.Id, state.ReturnCaseId ?? ReturnCaseIdOf(state.Id), state.Country, Dossier(state, decision, sent.At)),
        _ => null,
    };

    /// <summary>A rejection in a procedure for border applications continues in the return border procedure (RBPR
    /// Art. 4): the procedure's definition says so (<c>place: border</c>).</summary>
    public static bool IsBorderProcedure(WorkflowCatalog catalog, AsylumCase state) =>
        ProcedureDefinition(catalog, state)?.Place == "border";

    /// <summary>The definition the case's procedure is pinned to, or null before registration.</summary>
    public static FastProcedures.Workflows.Definitions.WorkflowDefinition? ProcedureDefinition(WorkflowCatalog catalog, AsylumCase state) =>
        state.Procedure is { } procedure && state.Workflows.Instances.TryGetValue(procedure, out var instance)
            ? catalog.Pinned(instance)
            : null;

    public static HandOverDossier Dossier(AsylumCase state, DecisionIssued decision, DateTimeOffset finalAt) => new(
        state.Id, state.Nationality, EventData.KebabCase(decision.Outcome.ToString()), decision.Reason.Code,
        decision.DecidedAt, finalAt, state.HasTravelDocument, state.Vulnerabilities, state.Detained,
        state.Workflows.LiveDeadlines().Select(d => $"{d.Workflow}/{d.Timer.Id} expires {d.Timer.ExpiresAt:O}").ToList());

    /// <summary>The linked return case hears of every change to the right to stay (APR Art. 68).</summary>
    private static IEnumerable<UnitMessage> Notifications(AsylumCase state, IReadOnlyList<object> events)
    {
        if (state.ReturnCaseId is { } returnCaseId
            && events.Any(e => e is AppealLodged or AppealDecided or DecisionBecameFinal or RightToRemainEnded or RemainAllowed))
        {
            yield return new UnitMessage(ReturnCases.Kind.Unit, new LinkedAsylumStatus(state.Id, returnCaseId, state.Country,
                state.AppealWindowOpen, state.SuspensiveAppealPending, state.Final,
                state.AppealDecision is { Outcome: AppealOutcome.Upheld }, events.Select(At).Max(),
                state.RightToRemainEnded, state.MayRemainPendingRequest));
        }
    }

    private static DateTimeOffset At(object e) => e switch
    {
        AppealLodged a => a.LodgedAt,
        AppealDecided a => a.DecidedAt,
        DecisionBecameFinal f => f.BecameFinalAt,
        RightToRemainEnded r => r.RecordedAt,
        RemainAllowed r => r.AllowedAt,
        IWorkflowStep s => s.At,
        _ => DateTimeOffset.MinValue,
    };
}
