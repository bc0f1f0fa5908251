using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Return;

public enum ReturnBasis { AsylumRejection, IrregularStay }

public enum DetentionReviewOutcome { Continued, Ended }

/// <summary>Why a removal may not happen now (RD Art. 7, 9; APR Art. 68; AMMR Art. 46).</summary>
public enum RemovalBar
{
    NoReturnDecision,
    VoluntaryDepartureRunning,
    AppealWindowOpen,
    SuspensiveAppealPending,
    RightToRemain,
    TransferPending,
    MedicalOrVulnerabilityHold,
    CaseClosed,
}

/// <summary>What the return unit needs from the asylum unit, in one typed hand-over (no gap between units).</summary>
public sealed record HandOverDossier(
    string AsylumCaseId, string Nationality, string FinalDecisionOutcome, string FinalDecisionReasonCode,
    DateTimeOffset FinalDecisionAt, DateTimeOffset BecameFinalAt, bool TravelDocumentHeld,
    IReadOnlyList<string> Vulnerabilities, bool Detained, IReadOnlyList<string> RunningDeadlines);

/// <summary>A return case opens: after a negative asylum decision (linked) or for an irregular stay (RD Art. 6).</summary>
public sealed record ReturnCaseOpened(
    string CaseId, string Country, ReturnBasis Basis, string? AsylumCaseId, bool BorderProcedure, string Nationality,
    string OpenedBy, DateTimeOffset OpenedAt);

/// <summary>RD Art. 6-7 (RBPR Art. 4 in the border): the return decision with its voluntary departure period; issued
/// together with the negative asylum decision when linked (2023 pilot's joint decision).</summary>
public sealed record ReturnDecisionIssued(
    string CaseId, bool VoluntaryDeparture, int VoluntaryDepartureDays, DateTimeOffset? VoluntaryDepartureEndsAt,
    DecisionReason Reason, string LegalBasis, bool JointWithAsylumDecision, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>RD Art. 7(2): the voluntary departure period is extended.</summary>
public sealed record VoluntaryDepartureExtended(string CaseId, int ByDays, DateTimeOffset EndsAt, string Reason, string ExtendedBy, DateTimeOffset ExtendedAt);

public sealed record ReturnCounsellingGiven(string CaseId, string HeldBy, DateTimeOffset HeldAt);

public sealed record AssistedVoluntaryReturnRequested(string CaseId, string RequestedBy, DateTimeOffset RequestedAt);

public sealed record TravelDocumentRequested(string CaseId, string FromAuthority, string RequestedBy, DateTimeOffset RequestedAt);

public sealed record TravelDocumentObtained(string CaseId, string DocumentReference, string RecordedBy, DateTimeOffset ObtainedAt);

/// <summary>RD Art. 15(1): detention for removal, at most 6 months (Art. 15(5)); all detention for removal of the person
/// adds up (RD Art. 15(5)-(6), RBPR Art. 6(1)(b), CJEU C-357/09 PPU Kadzoev): <c>DetentionDaysServed</c> is the days
/// served before this order, which the definition deducts when this order starts its limit (<c>deducts-days</c>).</summary>
public sealed record DetentionOrdered(
    string CaseId, string Facility, string Grounds, string OrderedBy, DateTimeOffset OrderedAt, int DetentionDaysServed = 0);

/// <summary>RD Art. 15(3): detention reviewed at reasonable intervals.</summary>
public sealed record DetentionReviewed(string CaseId, DetentionReviewOutcome Outcome, string ReviewedBy, DateTimeOffset ReviewedAt);

/// <summary>RD Art. 15(6): detention extended (non-cooperation, delayed documents), at most 12 further months.</summary>
public sealed record DetentionExtended(string CaseId, string Grounds, string ExtendedBy, DateTimeOffset ExtendedAt);

public sealed record DetentionEnded(string CaseId, string Reason, string EndedBy, DateTimeOffset EndedAt);

public sealed record RemovalScheduled(
    string CaseId, DateOnly RemovalOn, string Carrier, string Flight, int Escorts, string ScheduledBy, DateTimeOffset ScheduledAt);

public sealed record RemovalCancelled(string CaseId, string Reason, string CancelledBy, DateTimeOffset CancelledAt);

/// <summary>RD Art. 8: the removal was carried out.</summary>
public sealed record RemovalExecuted(string CaseId, string ExecutedBy, DateTimeOffset ExecutedAt);

public sealed record VoluntaryDepartureConfirmed(string CaseId, string ConfirmedBy, DateTimeOffset DepartedAt);

public sealed record ReturneeAbsconded(string CaseId, string RecordedBy, DateTimeOffset AbscondedAt);

public sealed record ReturneeReappeared(string CaseId, string RecordedBy, DateTimeOffset ReappearedAt);

/// <summary>RD Art. 11: an entry ban, counted from the date of departure (CJEU C-225/16 Ouhrami).</summary>
public sealed record EntryBanIssued(string CaseId, int Years, string LegalBasis, string IssuedBy, DateTimeOffset IssuedAt);

public sealed record ReturnCaseClosed(string CaseId, string Reason, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>The hand-over dossier arrived from the asylum unit and was acknowledged.</summary>
public sealed record HandOverReceived(string CaseId, HandOverDossier Dossier, string AcknowledgedBy, DateTimeOffset ReceivedAt);

/// <summary>What the linked asylum case says about staying: appeal lodged/decided, decision final (APR Art. 68);
/// <c>Reason</c> and <c>EndedAt</c> when the right to remain ended (RBPR Art. 4(2) counts from <c>EndedAt</c>);
/// <c>AllowedToRemain</c> while a request to remain is pending or a court allowed it.</summary>
public sealed record LinkedAsylumStatusChanged(
    string CaseId, bool AppealWindowOpen, bool SuspensiveAppealPending, bool AsylumDecisionFinal, bool AppealUpheld,
    DateTimeOffset ChangedAt, RightToRemainEndReason? Reason = null, DateTimeOffset? EndedAt = null, bool AllowedToRemain = false);

/// <summary>A medical or vulnerability hold (RD Art. 9(2)(a), 5): removal waits until it is lifted.</summary>
public sealed record RemovalHoldPlaced(string CaseId, string Reason, string PlacedBy, DateTimeOffset PlacedAt);

public sealed record RemovalHoldLifted(string CaseId, string LiftedBy, DateTimeOffset LiftedAt);

public sealed record ReturnCase(
    string Id,
    string Country,
    ReturnBasis Basis,
    string? AsylumCaseId,
    bool BorderProcedure,
    string Nationality,
    DateTimeOffset OpenedAt,
    long Version,
    ReturnDecisionIssued? Decision,
    DateTimeOffset? VoluntaryDepartureEndsAt,
    bool AppealWindowOpen,
    bool SuspensiveAppealPending,
    bool AsylumDecisionFinal,
    bool TransferPending,
    string? Hold,
    bool Detained,
    RemovalScheduled? Removal,
    bool Removed,
    bool Closed,
    HandOverDossier? Dossier,
    CaseWorkflows Workflows) : ICase
{
    public static ReturnCase Begin(ReturnCaseOpened opened) => new(opened.CaseId, opened.Country, opened.Basis,
        opened.AsylumCaseId, opened.BorderProcedure, opened.Nationality, opened.OpenedAt, 1, null, null,
        opened.Basis == ReturnBasis.AsylumRejection, false, opened.Basis == ReturnBasis.IrregularStay, false, null, false,
        null, false, false, null, CaseWorkflows.None);

    /// <summary>A court allowed the person to remain pending an appeal (APR Art. 68): removal is barred until the
    /// right to remain ends (<see cref="RightToRemainEnded"/>).</summary>
    public bool RightToRemain { get; init; }

    /// <summary>When the right to remain ended (APR Art. 68; RBPR Art. 4(2)), as the linked asylum case recorded it.</summary>
    public DateTimeOffset? RightToRemainEndedAt { get; init; }

    /// <summary>Whole days of detention for removal served so far by the person (RD Art. 15(5)-(6), RBPR Art. 6(1)(b)):
    /// earlier detention declared with the first order, and every ended detention of this case.</summary>
    public int DetentionDaysServed { get; init; }

    /// <summary>When the running detention began; null when the person is not detained.</summary>
    public DateTimeOffset? DetainedSince { get; init; }

    /// <summary>RD Art. 11(1): the return decision must be accompanied by an entry ban (no voluntary departure granted,
    /// or the obligation to return not complied with), as the definition said by sending <c>EntryBanRequired</c> to the
    /// return unit (its <see cref="UnitMessageSent"/> step on this case's stream).</summary>
    public bool EntryBanRequired { get; init; }

    /// <summary>The entry ban issued on this case (RD Art. 11); null while none was issued.</summary>
    public EntryBanIssued? EntryBan { get; init; }

    /// <summary>Days added to the voluntary departure period so far (RD Art. 7(2)).</summary>
    public int VoluntaryDepartureExtendedDays { get; init; }

    /// <summary>The hash of the case's last event (tamper evidence), kept by the inline snapshot so a command continues
    /// the chain without reading that event again; null on states folded elsewhere (replay, time travel).</summary>
    public string? ChainHead { get; init; }

    /// <summary>The case's summary line (work queues, boards, the case page), kept by the inline snapshot so a command
    /// stores it in its commit without loading it; null on states folded elsewhere (replay, time travel).</summary>
    public Queries.CaseSummaries.CaseSummary? Summary { get; init; }

    /// <summary>The message the definitions send to the return unit when RD Art. 11(1) requires an entry ban.</summary>
    public const string EntryBanRequiredMessage = "EntryBanRequired";

    public static ReturnCase? Fold(ReturnCase? state, object @event) => @event switch
    {
        ReturnCaseOpened opened => Begin(opened),
        _ when state is null => null,
        _ => state.Next(@event) with { Version = state.Version + 1 },
    };

    private ReturnCase Next(object @event) => @event switch
    {
        ReturnDecisionIssued e => this with { Decision = e, VoluntaryDepartureEndsAt = e.VoluntaryDepartureEndsAt },
        VoluntaryDepartureExtended e => this with
        {
            VoluntaryDepartureEndsAt = e.EndsAt, VoluntaryDepartureExtendedDays = VoluntaryDepartureExtendedDays + e.ByDays,
        },
        LinkedAsylumStatusChanged { EndedAt: { } ended } e => this with
        {
            AppealWindowOpen = false, SuspensiveAppealPending = false, AsylumDecisionFinal = e.AsylumDecisionFinal,
            RightToRemain = false, RightToRemainEndedAt = RightToRemainEndedAt ?? ended,
        },
        LinkedAsylumStatusChanged e => this with
        {
            AppealWindowOpen = e.AppealWindowOpen, SuspensiveAppealPending = e.SuspensiveAppealPending,
            AsylumDecisionFinal = e.AsylumDecisionFinal, RightToRemain = RightToRemainEndedAt is null && e.AllowedToRemain,
        },
        HandOverReceived e => this with { Dossier = e.Dossier, AsylumDecisionFinal = true, AppealWindowOpen = false },
        RemovalHoldPlaced e => this with { Hold = e.Reason },
        RemovalHoldLifted => this with { Hold = null },
        RightToRemainEnded e => this with
        {
            RightToRemain = false, RightToRemainEndedAt = e.EndedAt, AppealWindowOpen = false, SuspensiveAppealPending = false,
        },
        RemainAllowed => this with { RightToRemain = true },
        DetentionOrdered e => this with
        {
            Detained = true, DetainedSince = DetainedSince ?? e.OrderedAt,
            DetentionDaysServed = Math.Max(DetentionDaysServed, e.DetentionDaysServed),
        },
        DetentionEnded e => Released(e.EndedAt),
        DetentionReviewed { Outcome: DetentionReviewOutcome.Ended } e => Released(e.ReviewedAt),
        RemovalScheduled e => this with { Removal = e },
        RemovalCancelled => this with { Removal = null },
        RemovalExecuted e => Released(e.ExecutedAt) with { Removed = true },
        ReturnCaseClosed => this with { Closed = true },
        EntryBanIssued e => this with { EntryBan = e },
        UnitMessageSent { Step.Message: EntryBanRequiredMessage } => this with
        {
            EntryBanRequired = true, Workflows = Workflows.Apply(@event),
        },
        WorkflowStarted or CalendarChanged or IWorkflowStep => this with { Workflows = Workflows.Apply(@event) },
        _ => this,
    };

    /// <summary>Detention ends: its days are added to those served (a started day counts: the reading most careful of
    /// liberty, legal-notes).</summary>
    private ReturnCase Released(DateTimeOffset at) => DetainedSince is { } since
        ? this with { Detained = false, DetainedSince = null, DetentionDaysServed = DetentionDaysServed + StartedDays(since, at) }
        : this with { Detained = false };

    /// <summary>Calendar days touched by a detention from <paramref name="from"/> to <paramref name="to"/> (UTC dates).</summary>
    public static int StartedDays(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(1, DateOnly.FromDateTime(to.UtcDateTime).DayNumber - DateOnly.FromDateTime(from.UtcDateTime).DayNumber + 1);

    /// <summary>
    /// Every bar that stands against removing the person at <paramref name="at"/>: no final return decision, the
    /// voluntary departure period (RD Art. 7), an open appeal window or a pending appeal with suspensive effect
    /// (APR Art. 68, RD Art. 13(2)), a pending AMMR transfer, a medical or vulnerability hold (RD Art. 9(2)(a)).
    /// </summary>
    public IReadOnlyList<RemovalBar> RemovalBars(DateTimeOffset at)
    {
        var bars = new List<RemovalBar>();
        if (Closed || Removed)
        {
            bars.Add(RemovalBar.CaseClosed);
        }
        if (Decision is null)
        {
            bars.Add(RemovalBar.NoReturnDecision);
        }
        if (VoluntaryDepartureEndsAt is { } ends && ends > at)
        {
            bars.Add(RemovalBar.VoluntaryDepartureRunning);
        }
        if (AppealWindowOpen)
        {
            bars.Add(RemovalBar.AppealWindowOpen);
        }
        if (SuspensiveAppealPending)
        {
            bars.Add(RemovalBar.SuspensiveAppealPending);
        }
        if (RightToRemain)
        {
            bars.Add(RemovalBar.RightToRemain);
        }
        if (TransferPending)
        {
            bars.Add(RemovalBar.TransferPending);
        }
        if (Hold is not null)
        {
            bars.Add(RemovalBar.MedicalOrVulnerabilityHold);
        }
        return bars;
    }

    /// <summary>Which workflow a return case event starts, as the definitions say (<c>starts-on</c>, <c>starts-when</c>):
    /// the return border procedure or the return procedure when the case opens (RBPR Art. 4, RD Art. 6), the return
    /// procedure when the return border procedure ended (RBPR Art. 4(2)). The version is the one in force that day.</summary>
    public static WorkflowStart? Starts(WorkflowCatalog catalog, ReturnCase? state, object @event) =>
        catalog.StartedBy(ReturnCases.Kind.Name, @event) is { } workflow
            ? new WorkflowStart(workflow, DateOnly.FromDateTime(At(state, @event).UtcDateTime))
            : null;

    private static DateTimeOffset At(ReturnCase? state, object @event) => @event switch
    {
        ReturnCaseOpened e => e.OpenedAt,
        ReturnBorderProcedureEnded e => e.EndedAt,
        _ => state?.OpenedAt ?? DateTimeOffset.MinValue,
    };
}

/// <summary>RBPR Art. 4(2): the return border procedure's limit passed; the case falls to the ordinary return
/// procedure under the Return Directive.</summary>
public sealed record ReturnBorderProcedureEnded(string CaseId, string Reason, DateTimeOffset EndedAt);
