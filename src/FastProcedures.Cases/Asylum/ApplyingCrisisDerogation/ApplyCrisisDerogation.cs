using FastProcedures.Cases.Procedures;
using NodaTime;

namespace FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;

/// <summary>
/// Apply the derogations of a declared crisis (CFMR, Reg. 2024/1359) to a case. <see cref="CrisisId"/> names a period of
/// <c>workflows/data/crisis-periods.yaml</c> for the case's country; its type and whether it is the initial decision or an
/// extension come from there, and it covers the case when the application was made within the period (CFMR Art. 10(1),
/// 11(1)). <see cref="CoversCase"/> must agree with that. <see cref="CfmrArticle11BorderCase"/> is the caseworker's
/// finding that the return border procedure of CFMR Art. 11(3), (4) or (6) applies; the data cannot say it.
/// <see cref="Timers"/> empty means the period's derogations.
/// </summary>
public sealed record ApplyCrisisDerogation(
    string CaseId, long? ExpectedVersion, string CrisisId, bool CoversCase, IReadOnlyList<string> Timers, string AppliedBy,
    bool CfmrArticle11BorderCase = false) : IAsylumCommand;

public static class ApplyCrisisDerogationHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, ApplyCrisisDerogation command, DateTimeOffset now, WorkflowCatalog catalog)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.CrisisId, "CrisisId");
        Validation.Required(command.AppliedBy, "AppliedBy");
        var period = catalog.Crises?.All.FirstOrDefault(p => p.Id == command.CrisisId && p.Country == open.Country)
            ?? throw new CaseCommandRefused(
                $"CrisisId '{command.CrisisId}' names no crisis declared for {open.Country} (workflows/data/crisis-periods.yaml).");
        // CFMR Art. 10(1), 11(1): the derogations apply to applications made within the period, counted by the day
        // in the country's time zone.
        var madeOn = Instant.FromDateTimeOffset(open.MadeAt).InZone(catalog.Calendar(open.Country).Zone).Date.ToDateOnly();
        var covers = period.Covers(madeOn);
        Validation.Require(covers == command.CoversCase,
            $"CoversCase: crisis '{period.Id}' covers applications made {period.Start:yyyy-MM-dd} to {period.End:yyyy-MM-dd}; " +
            $"case {command.CaseId} was made on {madeOn:yyyy-MM-dd}, so CoversCase is {(covers ? "true" : "false")}.");
        var timers = command.Timers.Count > 0 ? command.Timers : period.Derogations;
        return [new CrisisDerogationApplied(command.CaseId, period.Id, covers, timers, command.AppliedBy, now,
            period.Type, period.DecisionKind, command.CfmrArticle11BorderCase)];
    }
}
