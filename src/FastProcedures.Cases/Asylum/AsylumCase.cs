using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases.Asylum;

public enum ApplicationPlace { Border, Territory }

public enum ScreeningReferral { Asylum, Return }

public enum SecurityCheckOutcome { Clear, Hit }

/// <summary>APR Art. 35-41 outcomes of a first-instance decision.</summary>
public enum DecisionOutcome
{
    GrantedRefugee,
    GrantedSubsidiary,
    RejectedUnfounded,
    RejectedManifestlyUnfounded,
    Inadmissible,
    ImplicitlyWithdrawn,
}

/// <summary><c>Upheld</c>: the court found for the applicant; <c>Dismissed</c>: the rejection stands.</summary>
public enum AppealOutcome { Upheld, Dismissed }

public enum ResponsibilityOutcome { Accepted, Refused }

/// <summary>What a Eurodac (or VIS) hit leads to: a take-charge request (AMMR Art. 39(1)) or a take-back notification
/// (Art. 41(1)).</summary>
public enum EurodacHitLeadsTo { TakeCharge, TakeBack }

/// <summary>What an appeal is against: the asylum decision (APR Art. 67), the transfer decision (AMMR Art. 43) or the
/// return decision issued with the rejection (APR Art. 37). A transfer appeal is not an asylum appeal.</summary>
public enum AppealAgainst { AsylumDecision, TransferDecision, ReturnDecision }

/// <summary>Why the applicant no longer has a right to remain and is not allowed to remain (APR Art. 68): the appeal
/// window passed without appeal (68(2)); an appeal without suspensive effect and no request to remain (68(3), Art.
/// 43(3)(b)); a court refused the request to remain (Art. 43(3)(c)); the appeal was dismissed (68(2)).</summary>
public enum RightToRemainEndReason { AppealWindowPassed, NoRequestToRemain, RequestToRemainRefused, AppealDismissed }

/// <summary>Why an applicant leaves the border procedure and is authorised to enter (APR Art. 53(2)).</summary>
public enum BorderProcedureLeavingGround
{
    /// <summary>The grounds for applying the border procedure no longer apply.</summary>
    GroundsNoLongerApply,
    /// <summary>The necessary support cannot be provided to an applicant in need of special procedural guarantees.</summary>
    SpecialProceduralGuaranteesNotProvided,
    /// <summary>Relevant medical reasons.</summary>
    MedicalReasons,
    /// <summary>The guarantees and conditions for detention are not met and the border procedure cannot be applied without detention.</summary>
    DetentionConditionsNotMet,
}

/// <summary>Personal data of the applicant (GDPR Art. 5): kept apart so it can be protected on its own. <c>Sex</c>
/// (<c>F</c>, <c>M</c>, or null when not recorded) is needed by the official statistics (Reg. 862/2007 Art. 4, 7).</summary>
public sealed record PersonalDetails(string FullName, DateOnly? DateOfBirth, string? Contact, string? Sex = null);

/// <summary><see cref="PersonalDetails"/> as events hold them: AES-GCM sealed with the person's key, kept apart, so
/// erasing the key erases the data without touching the history (GDPR Art. 17; see <c>Audit/SealingPersonalData</c>).</summary>
public sealed record SealedPersonalDetails(string KeyId, string Nonce, string Ciphertext);

/// <summary>The legal ground of a decision as a code from the definition (e.g. <c>APR Art. 42(1)(j)</c>) with free text.</summary>
public sealed record DecisionReason(string Code, string Text);

/// <summary>The return decision issued together with a negative asylum decision (2023 pilot; RBPR Art. 4, RD Art. 6).</summary>
public sealed record JointReturnDecision(int VoluntaryDepartureDays, string LegalBasis, string Reason);

// Reception unit ---------------------------------------------------------------------------------------------------

/// <summary>A person expresses the wish to apply for protection (APR Art. 26); starts screening and the registration limit.
/// <c>ApprehendedAt</c>: the apprehension in the external border area, the disembarkation or the presentation at the
/// crossing point, from which screening counts (Screening Reg. Art. 8(3)); <c>HeldOver72Hours</c>: the person stayed
/// physically at the external border more than 72 hours (Art. 8(3) second subparagraph: 4 days thereafter).</summary>
public sealed record ApplicationMade(
    string CaseId, string Country, ApplicationPlace Place, string Location, string Nationality, bool HasTravelDocument,
    SealedPersonalDetails Applicant, string MadeBy, DateTimeOffset MadeAt, DateTimeOffset? ApprehendedAt = null,
    bool HeldOver72Hours = false);

/// <summary>Screening Regulation Art. 8: identity, health and vulnerability, security checks begin.</summary>
public sealed record ScreeningStarted(string CaseId, string StartedBy, DateTimeOffset StartedAt);

/// <summary>Screening Regulation Art. 17: the debriefing form records the checks and the referral.</summary>
public sealed record ScreeningCompleted(
    string CaseId, bool IdentityVerified, bool HealthCheckDone, IReadOnlyList<string> Vulnerabilities,
    SecurityCheckOutcome SecurityCheck, ScreeningReferral Referral, string CompletedBy, DateTimeOffset CompletedAt);

/// <summary>Eurodac Regulation Art. 15 and 22: fingerprints and facial image taken within 72 hours.</summary>
public sealed record BiometricsTaken(string CaseId, string EurodacReference, string TakenBy, DateTimeOffset TakenAt);

/// <summary>APR Art. 27(2): a disproportionate number of applications made at the same time makes registration within
/// five days very difficult; the registration limit is extended as the definition says (15 days).</summary>
public sealed record DisproportionateNumberOfApplications(string CaseId, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>APR Art. 28(2): the applicant, transferred under the AMMR, presented himself or herself to this Member State
/// (the responsible one); the application is to be lodged within 21 days of that day.</summary>
public sealed record ApplicantPresentedAfterTransfer(string CaseId, string RecordedBy, DateTimeOffset PresentedAt);

/// <summary>APR Art. 27: the application is registered; recorded together with the procedure it is routed to.</summary>
public sealed record ApplicationRegistered(string CaseId, string RegisteredBy, DateTimeOffset RegisteredAt);

/// <summary>The procedure the case enters (APR Art. 42, 45: border, accelerated, regular, inadmissibility) and why.</summary>
public sealed record ProcedureAssigned(
    string CaseId, string Procedure, string Ground, string LegalBasis, string AssignedBy, DateTimeOffset AssignedAt);

/// <summary>The asylum unit took over a registered case from reception (hand-over without a gap).</summary>
public sealed record CaseAcceptedByUnit(string CaseId, string Unit, string AcceptedBy, DateTimeOffset AcceptedAt);

// Asylum unit ------------------------------------------------------------------------------------------------------

/// <summary>APR Art. 28: the applicant lodges the application.</summary>
public sealed record ApplicationLodged(string CaseId, string LodgedBy, DateTimeOffset LodgedAt);

/// <summary>AMMR Art. 39-41: the responsibility check starts. <c>RegisteredAt</c>: the registration of the
/// application, from which the take-charge request limits count (Art. 39(1), 45(1)); <c>Detained</c>: the applicant
/// is detained (Art. 44), so the shorter limits of Art. 45(1) apply.</summary>
public sealed record ResponsibilityCheckStarted(
    string CaseId, string StartedBy, DateTimeOffset StartedAt, bool Detained = false, DateTimeOffset? RegisteredAt = null);

/// <summary>AMMR Art. 39: take-charge request sent to another Member State; <c>Detained</c>: the reply is due within
/// one week and silence is acceptance (Art. 45(2)).</summary>
public sealed record TakeChargeRequestSent(
    string CaseId, string RequestedState, bool EurodacHit, string SentBy, DateTimeOffset SentAt, bool Detained = false);

/// <summary>AMMR Art. 39(1), 41(1): a Eurodac or VIS hit was received at <c>HitAt</c>; the take-charge request is due
/// within one month of it, the take-back notification within two weeks of it.</summary>
public sealed record EurodacHitReceived(string CaseId, EurodacHitLeadsTo LeadsTo, DateTimeOffset HitAt, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>AMMR Art. 46(2): the transfer could not be carried out because the applicant is imprisoned; the transfer
/// period is extended as the definition says.</summary>
public sealed record ApplicantImprisoned(string CaseId, string RecordedBy, DateTimeOffset ImprisonedAt);

/// <summary>AMMR Art. 43(3): a court or tribunal suspended the transfer pending the appeal; the transfer period
/// stops and runs again from the final decision on the appeal (Art. 46(1)).</summary>
public sealed record TransferSuspended(string CaseId, string Court, string RecordedBy, DateTimeOffset SuspendedAt);

/// <summary>AMMR Art. 41: take-back notification sent.</summary>
public sealed record TakeBackNotificationSent(string CaseId, string RequestedState, string SentBy, DateTimeOffset SentAt);

/// <summary>AMMR Art. 40(1), 41(2): the requested State replied (silence counts as acceptance).</summary>
public sealed record ResponsibilityReplyReceived(string CaseId, ResponsibilityOutcome Outcome, string RecordedBy, DateTimeOffset ReceivedAt);

/// <summary>AMMR Art. 42: the transfer decision is notified to the applicant.</summary>
public sealed record TransferDecisionNotified(string CaseId, string NotifiedBy, DateTimeOffset NotifiedAt);

public sealed record TransferScheduled(string CaseId, DateOnly TransferOn, string ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>AMMR Art. 46: the transfer was carried out.</summary>
public sealed record TransferExecuted(string CaseId, string ExecutedBy, DateTimeOffset ExecutedAt);

public sealed record InterviewScheduled(string CaseId, DateTimeOffset InterviewOn, string ScheduledBy, DateTimeOffset ScheduledAt);

/// <summary>APR Art. 35(5): the regular examination period extended by 6 months (complex issues, many applicants).</summary>
public sealed record ExaminationPeriodExtended(string CaseId, string Reason, string ExtendedBy, DateTimeOffset ExtendedAt);

/// <summary>APR Art. 35(5): a further 3 months in exceptional circumstances.</summary>
public sealed record ExaminationPeriodFurtherExtended(string CaseId, string Reason, string ExtendedBy, DateTimeOffset ExtendedAt);

/// <summary>APR Art. 12-14: the personal interview.</summary>
public sealed record InterviewHeld(string CaseId, string HeldBy, DateTimeOffset HeldAt);

/// <summary>
/// The first-instance decision with its reason, legal basis and officer; for a negative one the appeal window and
/// whether an appeal suspends removal (APR Art. 67-68), and the return decision issued with it (2023 pilot).
/// <c>NotifiedAt</c>: when it was notified, from which the appeal window counts (APR Art. 67(7)); null with
/// <c>NotifiedLater</c>, until <see cref="DecisionNotified"/> records the notification.
/// </summary>
public sealed record DecisionIssued(
    string CaseId, DecisionOutcome Outcome, bool Negative, DecisionReason Reason, string LegalBasis, string DecidedBy,
    DateTimeOffset DecidedAt, string? AppealWindow, DateTimeOffset? AppealWindowEndsAt, bool AppealSuspendsRemoval,
    JointReturnDecision? ReturnDecision, DateTimeOffset? NotifiedAt = null, bool NotifiedLater = false);

/// <summary>The decision was notified to the applicant after it was issued; the appeal window counts from here (APR
/// Art. 67(7)) and ends at <c>AppealWindowEndsAt</c>.</summary>
public sealed record DecisionNotified(
    string CaseId, bool Negative, DateTimeOffset NotifiedAt, string? AppealWindow, DateTimeOffset? AppealWindowEndsAt,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>APR Art. 67: an appeal is lodged; APR Art. 68: whether it lets the applicant remain. <c>Against</c>: the
/// decision appealed (a transfer appeal, AMMR Art. 43, is not an asylum appeal); <c>RequestsToRemain</c>: with an
/// appeal without suspensive effect, the applicant asks the court to be allowed to remain (APR Art. 68, 43(3)(b)).</summary>
public sealed record AppealLodged(
    string CaseId, bool SuspensiveEffect, string Court, string LodgedBy, DateTimeOffset LodgedAt,
    AppealAgainst Against = AppealAgainst.AsylumDecision, bool RequestsToRemain = false);

public sealed record AppealDecided(
    string CaseId, AppealOutcome Outcome, string Court, string RecordedBy, DateTimeOffset DecidedAt,
    AppealAgainst Against = AppealAgainst.AsylumDecision);

/// <summary>APR Art. 68: the applicant no longer has a right to remain and is not allowed to remain, from
/// <c>EndedAt</c>. Ends the border procedure's 12 weeks (APR Art. 51(2)) and starts the return border procedure's
/// (RBPR Art. 4(2)); lifts the removal bar of the linked return case.</summary>
public sealed record RightToRemainEnded(
    string CaseId, RightToRemainEndReason Reason, DateTimeOffset EndedAt, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>A court allowed the applicant to remain pending the outcome of an appeal without suspensive effect (APR
/// Art. 68; Art. 43(3)(c) read the other way): the linked return case is barred (<c>RightToRemain</c>).</summary>
public sealed record RemainAllowed(string CaseId, string Court, string RecordedBy, DateTimeOffset AllowedAt);

/// <summary>APR Art. 53(2): the border procedure no longer applies; the applicant is authorised to enter and the case
/// continues in the territory.</summary>
public sealed record BorderProcedureLeft(
    string CaseId, BorderProcedureLeavingGround Ground, string Reason, string LeftBy, DateTimeOffset LeftAt);

/// <summary>No appeal is possible any more: the window passed or the appeal was decided.</summary>
public sealed record DecisionBecameFinal(string CaseId, bool Negative, string RecordedBy, DateTimeOffset BecameFinalAt);

public sealed record AsylumCaseClosed(string CaseId, string Reason, string ClosedBy, DateTimeOffset ClosedAt);

/// <summary>CFMR (Reg. 2024/1359): a declared crisis covers this case; its derogations extend the named timers. The
/// definitions' guards read <c>crisis_type</c> (mass-arrivals, instrumentalisation, force-majeure: CFMR Art. 1(4)-(5)),
/// <c>crisis_decision</c> (initial or extension: Art. 4(3), 5(1)-(2)) and <c>cfmr_article_11_border_case</c> (the
/// return border procedure of CFMR Art. 11(3), (4) or (6)); events recorded before these were kept have them null.</summary>
public sealed record CrisisDerogationApplied(
    string CaseId, string CrisisId, bool CoversCase, IReadOnlyList<string> Timers, string AppliedBy, DateTimeOffset AppliedAt,
    string? CrisisType = null, string? CrisisDecision = null, bool? CfmrArticle11BorderCase = null);

/// <summary>APR Art. 41: the applicant absconded; timers suspend as the definition says.</summary>
public sealed record ApplicantAbsconded(string CaseId, string RecordedBy, DateTimeOffset AbscondedAt);

public sealed record ApplicantReappeared(string CaseId, string RecordedBy, DateTimeOffset ReappearedAt);

/// <summary>AMMR Art. 67(11): the applicant is relocated; the border limit becomes 16 weeks.</summary>
public sealed record ApplicantRelocated(string CaseId, string ToState, string RecordedBy, DateTimeOffset RelocatedAt);

/// <summary>Return counselling offered from the start of the procedure (2023 pilot practice).</summary>
public sealed record ReturnCounsellingHeld(string CaseId, string HeldBy, DateTimeOffset HeldAt);

/// <summary>RCD Art. 10-11: the applicant is detained.</summary>
public sealed record ApplicantDetained(string CaseId, string Facility, string Grounds, string OrderedBy, DateTimeOffset DetainedAt);

public sealed record ApplicantReleased(string CaseId, string ReleasedBy, DateTimeOffset ReleasedAt);

/// <summary>The return unit opened the return case linked to this asylum case.</summary>
public sealed record ReturnCaseLinked(string CaseId, string ReturnCaseId, DateTimeOffset LinkedAt);

/// <summary>The return unit acknowledged the hand-over dossier.</summary>
public sealed record HandOverAcknowledged(string CaseId, string ReturnCaseId, string AcknowledgedBy, DateTimeOffset AcknowledgedAt);

/// <summary>
/// What decisions on an asylum case need; everything else lives in projections. Built by <see cref="Fold"/> from
/// the case's events, workflow events included.
/// </summary>
public sealed record AsylumCase(
    string Id,
    string Country,
    ApplicationPlace Place,
    string Nationality,
    bool HasTravelDocument,
    DateTimeOffset MadeAt,
    long Version,
    IReadOnlyList<string> Vulnerabilities,
    bool Detained,
    bool Registered,
    bool AcceptedByAsylumUnit,
    bool Lodged,
    bool Interviewed,
    string? Procedure,
    DecisionIssued? Decision,
    AppealLodged? Appeal,
    AppealDecided? AppealDecision,
    bool Final,
    bool Closed,
    bool Absconded,
    string? ReturnCaseId,
    DateTimeOffset? HandedOverAt,
    bool HandOverConfirmed,
    CaseWorkflows Workflows) : ICase
{
    public static AsylumCase Begin(ApplicationMade made) => new(made.CaseId, made.Country, made.Place, made.Nationality,
        made.HasTravelDocument, made.MadeAt, 1, [], false, false, false, false, false, null, null, null, null, false, false, false, null, null, false, CaseWorkflows.None);

    /// <summary>Appeals against other decisions than the asylum decision (transfer, return decision), in order.</summary>
    public IReadOnlyList<AppealLodged> OtherAppeals { get; init; } = [];

    public IReadOnlyList<AppealDecided> OtherAppealDecisions { get; init; } = [];

    /// <summary>APR Art. 68: when and why the right to remain ended; null while the applicant may remain.</summary>
    public RightToRemainEnded? RightToRemainEnded { get; init; }

    /// <summary>A court allowed the applicant to remain pending an appeal without suspensive effect.</summary>
    public bool AllowedToRemain { get; init; }

    /// <summary>The applicant may remain pending an appeal without suspensive effect: a court allowed it, or the request
    /// to remain is pending and the court has not refused it (APR Art. 68; Art. 43(3)(b)-(c)).</summary>
    public bool MayRemainPendingRequest => RightToRemainEnded is null && AppealDecision is null
        && (AllowedToRemain || Appeal is { SuspensiveEffect: false, RequestsToRemain: true });

    /// <summary>When the application was registered (APR Art. 27): AMMR limits count from it.</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    /// <summary>AMMR Art. 39: a take-charge request was sent.</summary>
    public bool TakeChargeRequested { get; init; }

    /// <summary>AMMR Art. 39(1), 41(1): what the Eurodac or VIS hit recorded leads to, if one was.</summary>
    public EurodacHitLeadsTo? EurodacHit { get; init; }

    /// <summary>APR Art. 28(2): the applicant presented himself or herself after a transfer.</summary>
    public bool PresentedAfterTransfer { get; init; }

    /// <summary>AMMR Art. 43(3): the transfer is suspended pending the appeal against it.</summary>
    public bool TransferSuspended { get; init; }

    /// <summary>APR Art. 53(2): the applicant left the border procedure.</summary>
    public bool LeftBorderProcedure { get; init; }

    /// <summary>Eurodac Reg. Art. 15, 22: the reference of the biometric data last taken; null before any.</summary>
    public string? EurodacReference { get; init; }

    /// <summary>An appeal window is open: a negative decision, not final, no appeal lodged yet.</summary>
    public bool AppealWindowOpen => Decision is { Negative: true } && !Final && Appeal is null;

    public bool SuspensiveAppealPending => Appeal is { SuspensiveEffect: true } && AppealDecision is null;

    /// <summary>The hash of the case's last event (tamper evidence), kept by the inline snapshot so a command continues
    /// the chain without reading that event again; null on states folded elsewhere (replay, time travel).</summary>
    public string? ChainHead { get; init; }

    /// <summary>The case's summary line (work queues, boards, the case page), kept by the inline snapshot so a command
    /// stores it in its commit without loading it; null on states folded elsewhere (replay, time travel).</summary>
    public Queries.CaseSummaries.CaseSummary? Summary { get; init; }

    public static AsylumCase? Fold(AsylumCase? state, object @event) => @event switch
    {
        ApplicationMade made => Begin(made),
        _ when state is null => null,
        _ => state.Next(@event) with { Version = state.Version + 1 },
    };

    private AsylumCase Next(object @event) => @event switch
    {
        ScreeningCompleted e => this with { Vulnerabilities = e.Vulnerabilities },
        BiometricsTaken e => this with { EurodacReference = e.EurodacReference },
        ApplicantDetained => this with { Detained = true },
        ApplicantReleased => this with { Detained = false },
        ApplicationRegistered e => this with { Registered = true, RegisteredAt = e.RegisteredAt },
        TakeChargeRequestSent => this with { TakeChargeRequested = true },
        EurodacHitReceived e => this with { EurodacHit = e.LeadsTo },
        ApplicantPresentedAfterTransfer => this with { PresentedAfterTransfer = true },
        global::FastProcedures.Cases.Asylum.TransferSuspended => this with { TransferSuspended = true },
        // The final decision on the transfer appeal ends a suspension of the transfer (AMMR Art. 43(3), 46(1)).
        AppealDecided { Against: AppealAgainst.TransferDecision } decided => this with
        {
            TransferSuspended = false, OtherAppealDecisions = [.. OtherAppealDecisions, decided],
        },
        ProcedureAssigned e => this with { Procedure = e.Procedure },
        ApplicationLodged => this with { Lodged = true },
        InterviewHeld => this with { Interviewed = true },
        CaseAcceptedByUnit { Unit: AsylumConfiguration.Unit } => this with { AcceptedByAsylumUnit = true },
        DecisionIssued e => this with { Decision = e },
        DecisionNotified e when Decision is not null => this with
        {
            Decision = Decision with { NotifiedAt = e.NotifiedAt, AppealWindowEndsAt = e.AppealWindowEndsAt },
        },
        AppealLodged { Against: AppealAgainst.AsylumDecision } e => this with { Appeal = e },
        AppealLodged e => this with { OtherAppeals = [.. OtherAppeals, e] },
        AppealDecided { Against: AppealAgainst.AsylumDecision } e => this with { AppealDecision = e },
        AppealDecided e => this with { OtherAppealDecisions = [.. OtherAppealDecisions, e] },
        RightToRemainEnded e => this with { RightToRemainEnded = e, AllowedToRemain = false },
        RemainAllowed => this with { AllowedToRemain = true },
        BorderProcedureLeft => this with { LeftBorderProcedure = true },
        DecisionBecameFinal => this with { Final = true },
        AsylumCaseClosed => this with { Closed = true },
        ApplicantAbsconded => this with { Absconded = true },
        ApplicantReappeared => this with { Absconded = false },
        ReturnCaseLinked e => this with { ReturnCaseId = e.ReturnCaseId },
        HandOverAcknowledged => this with { HandOverConfirmed = true },
        UnitMessageSent { Step.Message: nameof(Messages.AsylumCaseHandedOver) } e => this with { HandedOverAt = e.At },
        WorkflowStarted or CalendarChanged or IWorkflowStep => this with { Workflows = Workflows.Apply(@event) },
        _ => this,
    };

    /// <summary>Which workflow an asylum case event starts (DESIGN §3), as the definitions say (<c>starts-on</c>):
    /// the assigned procedure at registration, the others (screening, the AMMR responsibility check) on their event.
    /// The version is the one in force on the day the application was made.</summary>
    public static WorkflowStart? Starts(WorkflowCatalog catalog, DateOnly applicationDate, object @event) => @event switch
    {
        ProcedureAssigned e => new WorkflowStart(e.Procedure, applicationDate),
        _ => catalog.StartedBy(AsylumCases.Kind.Name, @event) is { } workflow ? new WorkflowStart(workflow, applicationDate) : null,
    };
}
