using FastProcedures.Cases.Procedures;
using Wolverine;

namespace FastProcedures.Cases.Asylum.Appeals;

/// <summary>Record an appeal (APR Art. 67; AMMR Art. 43 for a transfer decision). <c>Against</c> says which decision it
/// challenges (default the asylum decision): a transfer appeal is not an asylum appeal. Whether it suspends removal
/// follows APR Art. 68 unless a court orders otherwise; with an asylum appeal without suspensive effect the applicant
/// may ask to be allowed to remain (<c>RequestsToRemain</c>); without that request the right to remain ends now (APR
/// Art. 68(3), 43(3)(b)).</summary>
public sealed record LodgeAppeal(
    string CaseId, long? ExpectedVersion, string Court, bool? SuspensiveEffect, string LodgedBy, AppealAgainst? Against = null,
    bool? RequestsToRemain = null) : IAsylumCommand;

public static class LodgeAppealHandler
{
    public static IReadOnlyList<object> Decide(AsylumCase? state, LodgeAppeal command, DateTimeOffset now)
    {
        var open = Validation.Open(state, command.CaseId);
        Validation.Required(command.Court, "Court");
        Validation.Required(command.LodgedBy, "LodgedBy");
        var against = command.Against ?? AppealAgainst.AsylumDecision;
        if (against != AppealAgainst.AsylumDecision)
        {
            return Other(open, command, against, now);
        }
        Validation.Require(open.Decision is not null, $"Case {command.CaseId} has no decision to appeal.");
        if (open.Appeal is not null)
        {
            return [];
        }
        Validation.Require(!open.Final, $"The decision on case {command.CaseId} is final; the appeal window has passed.");
        var suspensive = command.SuspensiveEffect ?? open.Decision!.AppealSuspendsRemoval;
        var requests = !suspensive && command.RequestsToRemain == true;
        Validation.Require(suspensive || open.Decision!.Negative || command.RequestsToRemain is null,
            "A request to remain goes with an appeal against a rejection.");
        var lodged = new AppealLodged(command.CaseId, suspensive, command.Court, command.LodgedBy, now, against, requests);
        // APR Art. 68(3) with Art. 43(3)(b): no suspensive effect and no request to be allowed to remain: the applicant
        // no longer has a right to remain and is not allowed to remain.
        return suspensive || requests || open.RightToRemainEnded is not null || !open.Decision!.Negative
            ? [lodged]
            : [lodged, new RightToRemainEnded(command.CaseId, RightToRemainEndReason.NoRequestToRemain, now, command.LodgedBy, now)];
    }

    /// <summary>An appeal against the transfer decision (AMMR Art. 43) or the return decision: it does not move the
    /// asylum procedure; whether it suspends is what the court or the law says (no asylum default applies).</summary>
    private static IReadOnlyList<object> Other(AsylumCase open, LodgeAppeal command, AppealAgainst against, DateTimeOffset now)
    {
        if (open.OtherAppeals.Count(a => a.Against == against) > open.OtherAppealDecisions.Count(d => d.Against == against))
        {
            return []; // an appeal against that decision is pending: the same appeal recorded again
        }
        Validation.Require(command.RequestsToRemain is null, "A request to remain goes with an appeal against the asylum decision (APR Art. 68).");
        Validation.Require(command.SuspensiveEffect is not null,
            $"Say whether the appeal against the {EventData.KebabCase(against.ToString()).Replace('-', ' ')} has suspensive effect (suspensiveEffect).");
        Validation.Require(against != AppealAgainst.ReturnDecision || open.Decision?.ReturnDecision is not null,
            $"Case {command.CaseId} has no return decision to appeal.");
        return [new AppealLodged(command.CaseId, command.SuspensiveEffect!.Value, command.Court, command.LodgedBy, now, against)];
    }
}
