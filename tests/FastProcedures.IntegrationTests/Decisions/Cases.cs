using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Return;

namespace FastProcedures.IntegrationTests.Decisions;

/// <summary>Case states for pure decision tests, folded from events as the inline snapshot folds them.</summary>
public static class Cases
{
    public static readonly DateTimeOffset Now = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    public const string AsylumId = "BG-2026-900001";

    public const string ReturnId = "BG-2026-900001-R";

    public static AsylumCase Asylum(params object[] events) => Fold<AsylumCase>(AsylumCase.Fold,
        [new ApplicationMade(AsylumId, "BG", ApplicationPlace.Border, "Lesovo", "MAR", false,
            new SealedPersonalDetails("k", "n", "c"), "officer", Now.AddDays(-10)),
         new ApplicationRegistered(AsylumId, "officer", Now.AddDays(-9)),
         new ProcedureAssigned(AsylumId, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer", Now.AddDays(-9)),
         .. events]);

    public static ReturnCase Return(params object[] events) => Fold<ReturnCase>(ReturnCase.Fold,
        [new ReturnCaseOpened(ReturnId, "BG", ReturnBasis.IrregularStay, null, false, "MAR", "officer", Now.AddDays(-10)),
         .. events]);

    public static ReturnDecisionIssued ReturnDecision(int voluntaryDays = 0) => new(ReturnId, voluntaryDays > 0, voluntaryDays,
        voluntaryDays > 0 ? Now.AddDays(-10 + voluntaryDays) : null, new FastProcedures.Cases.Asylum.DecisionReason("RD Art. 6", "Irregular stay."),
        "RD Art. 6", false, "officer", Now.AddDays(-10));

    private static T Fold<T>(Func<T?, object, T?> fold, IEnumerable<object> events) where T : class
    {
        T? state = null;
        foreach (var e in events)
        {
            state = fold(state, e);
        }
        return state!;
    }
}
