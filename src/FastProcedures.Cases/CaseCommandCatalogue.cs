using System.Reflection;
using System.Text.Json;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Appeals;
using FastProcedures.Cases.Asylum.ApplyingCrisisDerogation;
using FastProcedures.Cases.Asylum.Detaining;
using FastProcedures.Cases.Asylum.DeterminingResponsibility;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Asylum.IssuingDecision;
using FastProcedures.Cases.Asylum.LeavingBorderProcedure;
using FastProcedures.Cases.Asylum.RecordingWhereabouts;
using FastProcedures.Cases.Asylum.Transferring;
using FastProcedures.Cases.Reception;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.Cases.Reception.Screening;
using FastProcedures.Cases.Return;
using FastProcedures.Cases.Return.Closing;
using FastProcedures.Cases.Return.Detention;
using FastProcedures.Cases.Return.ExecutingRemoval;
using FastProcedures.Cases.Return.Holds;
using FastProcedures.Cases.Return.OpeningReturnCase;
using FastProcedures.Cases.Return.SchedulingRemoval;
using FastProcedures.Cases.Return.VoluntaryDeparture;
using FastProcedures.Cases.Procedures;

namespace FastProcedures.Cases;

/// <summary>What a pure decision needs besides the case and the command: the decision clock, the definitions and,
/// for a new applicant, how personal data is sealed (a Marten key document in production, in memory elsewhere).</summary>
public sealed record DecisionInputs(
    DateTimeOffset Now, WorkflowCatalog Catalog, Func<string, PersonalDetails, SealedPersonalDetails> Seal);

/// <summary>
/// A use case as the outside world names it: the command record, its action name (kebab-case of the record's name,
/// <c>POST /api/cases/{id}/&lt;action&gt;</c>, <c>allowedActions</c>, what-if files), the unit that sends it, the kind
/// of case it acts on, the domain events it records and its pure decision.
/// </summary>
public sealed record CaseCommandType(
    Type Type, string Action, string Unit, string CaseKind, IReadOnlyList<string> Records, bool OpensCase,
    Func<object?, object, DecisionInputs, IReadOnlyList<object>> Decide);

/// <summary>How a command record's fields are filled: the case id from the route (or the file), the expected version
/// from <c>If-Match</c>, the country from the token, every <c>…By</c> from who acts; the rest from the body.</summary>
public sealed record CommandFields(
    string? CaseId, string? ExpectedVersion, string? Country, IReadOnlyList<string> Actors, IReadOnlyList<string> Required,
    IReadOnlyList<(string Field, Type Type)> Nested)
{
    public IEnumerable<string> NotInBody => new[] { CaseId, Country }.OfType<string>().Concat(Actors);
}

/// <summary>
/// The one list of the units' use cases, shared by the REST API and the in-memory case runner (<c>fastproc what-if</c>,
/// the simulation): adding a use case is one line here. The order is the API's (the OpenAPI document lists them so).
/// </summary>
public static class CaseCommandCatalogue
{
    /// <summary>Units a command comes from; <see cref="Counselling"/> is the asylum or the return unit (2023 pilot:
    /// return counselling from the start of the asylum procedure).</summary>
    public const string Reception = ReceptionConfiguration.Unit, AsylumUnit = AsylumConfiguration.Unit, ReturnUnit = ReturnConfiguration.Unit,
        Counselling = "counselling";

    public static readonly IReadOnlyList<CaseCommandType> All =
    [
        Asylum<MakeApplication>(Reception, (s, c, x) => MakeApplicationHandler.Decide(s, c, x.Now, d => x.Seal(c.CaseId, d)), nameof(ApplicationMade)) with { OpensCase = true },
        Return<OpenReturnCase>(ReturnUnit, (s, c, x) => OpenReturnCaseHandler.Decide(s, c, x.Now, x.Catalog), nameof(ReturnCaseOpened)) with { OpensCase = true },

        Asylum<StartScreening>(Reception, (s, c, x) => StartScreeningHandler.Decide(s, c, x.Now, x.Catalog), nameof(ScreeningStarted)),
        Asylum<TakeBiometrics>(Reception, (s, c, x) => TakeBiometricsHandler.Decide(s, c, x.Now), nameof(BiometricsTaken)),
        Asylum<CompleteScreening>(Reception, (s, c, x) => CompleteScreeningHandler.Decide(s, c, x.Now), nameof(ScreeningCompleted)),
        Asylum<RegisterApplication>(Reception, (s, c, x) => RegisterApplicationHandler.Decide(s, c, x.Now, x.Catalog), nameof(ApplicationRegistered)),
        Asylum<RegisterAndRoute>(Reception, (s, c, x) => RegisterAndRouteHandler.Decide(s, c, x.Now, x.Catalog), nameof(ApplicationRegistered)),
        Asylum<RecordDisproportionateNumberOfApplications>(Reception, (s, c, x) => RecordDisproportionateNumberOfApplicationsHandler.Decide(s, c, x.Now, x.Catalog), nameof(DisproportionateNumberOfApplications)),

        Asylum<RecordPresentationAfterTransfer>(AsylumUnit, (s, c, x) => RecordPresentationAfterTransferHandler.Decide(s, c, x.Now, x.Catalog), nameof(ApplicantPresentedAfterTransfer)),
        Asylum<LodgeApplication>(AsylumUnit, (s, c, x) => LodgeApplicationHandler.Decide(s, c, x.Now), nameof(ApplicationLodged)),
        Asylum<ScheduleInterview>(AsylumUnit, (s, c, x) => ScheduleInterviewHandler.Decide(s, c, x.Now), nameof(InterviewScheduled)),
        Asylum<HoldInterview>(AsylumUnit, (s, c, x) => HoldInterviewHandler.Decide(s, c, x.Now), nameof(InterviewHeld)),
        Asylum<HoldReturnCounselling>(Counselling, (s, c, x) => HoldReturnCounsellingHandler.Decide(s, c, x.Now), nameof(ReturnCounsellingHeld)),
        Asylum<ExtendExamination>(AsylumUnit, (s, c, x) => ExtendExaminationHandler.Decide(s, c, x.Now, x.Catalog), nameof(ExaminationPeriodExtended), nameof(ExaminationPeriodFurtherExtended)),
        Asylum<IssueDecision>(AsylumUnit, (s, c, x) => IssueDecisionHandler.Decide(s, c, x.Now, x.Catalog), nameof(DecisionIssued)),
        Asylum<RecordDecisionNotification>(AsylumUnit, (s, c, x) => RecordDecisionNotificationHandler.Decide(s, c, x.Now, x.Catalog), nameof(DecisionNotified)),
        Asylum<LodgeAppeal>(AsylumUnit, (s, c, x) => LodgeAppealHandler.Decide(s, c, x.Now), nameof(AppealLodged)),
        Asylum<DecideRequestToRemain>(AsylumUnit, (s, c, x) => DecideRequestToRemainHandler.Decide(s, c, x.Now), nameof(RemainAllowed), nameof(RightToRemainEnded)),
        Asylum<LeaveBorderProcedure>(AsylumUnit, (s, c, x) => LeaveBorderProcedureHandler.Decide(s, c, x.Now, x.Catalog), nameof(BorderProcedureLeft)),
        Asylum<StartResponsibilityCheck>(AsylumUnit, (s, c, x) => StartResponsibilityCheckHandler.Decide(s, c, x.Now, x.Catalog), nameof(ResponsibilityCheckStarted)),
        Asylum<RecordEurodacHit>(AsylumUnit, (s, c, x) => RecordEurodacHitHandler.Decide(s, c, x.Now, x.Catalog), nameof(EurodacHitReceived)),
        Asylum<SendTakeChargeRequest>(AsylumUnit, (s, c, x) => SendTakeChargeRequestHandler.Decide(s, c, x.Now, x.Catalog), nameof(TakeChargeRequestSent)),
        Asylum<SuspendTransfer>(AsylumUnit, (s, c, x) => SuspendTransferHandler.Decide(s, c, x.Now, x.Catalog), nameof(TransferSuspended)),
        Asylum<RecordImprisonment>(AsylumUnit, (s, c, x) => RecordImprisonmentHandler.Decide(s, c, x.Now, x.Catalog), nameof(ApplicantImprisoned)),
        Asylum<DetainApplicant>(AsylumUnit, (s, c, x) => DetainApplicantHandler.Decide(s, c, x.Now), nameof(ApplicantDetained)),
        Asylum<ReleaseApplicant>(AsylumUnit, (s, c, x) => ReleaseApplicantHandler.Decide(s, c, x.Now), nameof(ApplicantReleased)),
        Asylum<DecideAppeal>(AsylumUnit, (s, c, x) => DecideAppealHandler.Decide(s, c, x.Now), nameof(AppealDecided)),
        Asylum<RecordFinalDecision>(AsylumUnit, (s, c, x) => RecordFinalDecisionHandler.Decide(s, c, x.Now), nameof(DecisionBecameFinal)),
        Asylum<ApplyCrisisDerogation>(AsylumUnit, (s, c, x) => ApplyCrisisDerogationHandler.Decide(s, c, x.Now, x.Catalog), nameof(CrisisDerogationApplied)),
        Asylum<RecordAbsconding>(AsylumUnit, (s, c, x) => RecordAbscondingHandler.Decide(s, c, x.Now), nameof(ApplicantAbsconded)),
        Asylum<RecordReappearance>(AsylumUnit, (s, c, x) => RecordReappearanceHandler.Decide(s, c, x.Now), nameof(ApplicantReappeared)),
        Asylum<RecordRelocation>(AsylumUnit, (s, c, x) => RecordRelocationHandler.Decide(s, c, x.Now), nameof(ApplicantRelocated)),

        Return<ExtendVoluntaryDeparture>(ReturnUnit, (s, c, x) => ExtendVoluntaryDepartureHandler.Decide(s, c, x.Now, x.Catalog), nameof(VoluntaryDepartureExtended)),
        Return<ConfirmVoluntaryDeparture>(ReturnUnit, (s, c, x) => ConfirmVoluntaryDepartureHandler.Decide(s, c, x.Now), nameof(VoluntaryDepartureConfirmed)),
        Return<OrderDetention>(ReturnUnit, (s, c, x) => OrderDetentionHandler.Decide(s, c, x.Now), nameof(DetentionOrdered)),
        Return<ReviewDetention>(ReturnUnit, (s, c, x) => ReviewDetentionHandler.Decide(s, c, x.Now), nameof(DetentionReviewed)),
        Return<ExtendDetention>(ReturnUnit, (s, c, x) => ExtendDetentionHandler.Decide(s, c, x.Now), nameof(DetentionExtended)),
        Return<EndDetention>(ReturnUnit, (s, c, x) => EndDetentionHandler.Decide(s, c, x.Now), nameof(DetentionEnded)),
        Return<PlaceRemovalHold>(ReturnUnit, (s, c, x) => PlaceRemovalHoldHandler.Decide(s, c, x.Now), nameof(RemovalHoldPlaced)),
        Return<LiftRemovalHold>(ReturnUnit, (s, c, x) => LiftRemovalHoldHandler.Decide(s, c, x.Now), nameof(RemovalHoldLifted)),
        Return<ScheduleRemoval>(ReturnUnit, (s, c, x) => ScheduleRemovalHandler.Decide(s, c, x.Now, x.Catalog), nameof(RemovalScheduled)),
        Return<CancelRemoval>(ReturnUnit, (s, c, x) => CancelRemovalHandler.Decide(s, c, x.Now), nameof(RemovalCancelled)),
        Return<ExecuteRemoval>(ReturnUnit, (s, c, x) => ExecuteRemovalHandler.Decide(s, c, x.Now), nameof(RemovalExecuted)),
        Return<RecordReturneeAbsconded>(ReturnUnit, (s, c, x) => RecordReturneeAbscondedHandler.Decide(s, c, x.Now), nameof(ReturneeAbsconded)),
        Return<IssueEntryBan>(ReturnUnit, (s, c, x) => IssueEntryBanHandler.Decide(s, c, x.Now), nameof(EntryBanIssued)),
        Return<CloseReturnCase>(ReturnUnit, (s, c, x) => CloseReturnCaseHandler.Decide(s, c, x.Now), nameof(ReturnCaseClosed)),
    ];

    private static readonly Dictionary<string, CaseCommandType> ByAction = All.ToDictionary(c => c.Action, StringComparer.Ordinal);

    public static bool TryGet(string action, out CaseCommandType command) => ByAction.TryGetValue(action, out command!);

    private static readonly Dictionary<Type, CaseCommandType> ByType = All.ToDictionary(c => c.Type);

    public static CaseCommandType Of(Type type) => ByType.TryGetValue(type, out var command)
        ? command
        : throw new KeyNotFoundException($"{type.Name} is not in the case command catalogue.");

    public static string ActionOf(Type command) => EventData.KebabCase(command.Name);

    private static CaseCommandType Asylum<TCommand>(
        string unit, Func<AsylumCase?, TCommand, DecisionInputs, IReadOnlyList<object>> decide, params string[] records) =>
        new(typeof(TCommand), ActionOf(typeof(TCommand)), unit, AsylumCases.Kind.Name, records, false,
            (state, command, context) => decide((AsylumCase?)state, (TCommand)command, context));

    private static CaseCommandType Return<TCommand>(
        string unit, Func<ReturnCase?, TCommand, DecisionInputs, IReadOnlyList<object>> decide, params string[] records) =>
        new(typeof(TCommand), ActionOf(typeof(TCommand)), unit, ReturnCases.Kind.Name, records, false,
            (state, command, context) => decide((ReturnCase?)state, (TCommand)command, context));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, CommandFields> FieldsCache = new();

    /// <summary>Which of a command record's fields come from the body, and which from elsewhere (see <see cref="CommandFields"/>).</summary>
    public static CommandFields Fields(Type command) => FieldsCache.GetOrAdd(command, type =>
    {
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();
        var nullability = new NullabilityInfoContext();
        string Json(ParameterInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name!);
        var caseId = parameters.FirstOrDefault(p => p.Name == "CaseId");
        var version = parameters.FirstOrDefault(p => p.Name == "ExpectedVersion");
        var country = parameters.FirstOrDefault(p => p.Name == "Country" && p.ParameterType == typeof(string));
        var actors = parameters.Where(p => p.ParameterType == typeof(string) && p.Name!.EndsWith("By", StringComparison.Ordinal)).ToList();
        var fromElsewhere = new[] { caseId, version, country }.Concat(actors).OfType<ParameterInfo>().ToHashSet();
        var required = parameters
            .Where(p => !fromElsewhere.Contains(p) && !p.HasDefaultValue)
            .Where(p => p.ParameterType.IsValueType
                ? Nullable.GetUnderlyingType(p.ParameterType) is null
                : nullability.Create(p).WriteState != NullabilityState.Nullable)
            .Select(Json)
            .ToList();
        var nested = parameters
            .Where(p => !fromElsewhere.Contains(p) && p.ParameterType.IsClass && p.ParameterType != typeof(string)
                && p.ParameterType.Namespace?.StartsWith("FastProcedures", StringComparison.Ordinal) == true)
            .Select(p => (Json(p), p.ParameterType))
            .ToList();
        return new CommandFields(caseId is null ? null : Json(caseId), version is null ? null : Json(version),
            country is null ? null : Json(country), actors.Select(Json).ToList(), required, nested);
    });
}
