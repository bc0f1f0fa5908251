using FastProcedures.Cases.Messages;

namespace FastProcedures.Cases.Return;

/// <summary>How return cases are stored.</summary>
public static class ReturnCases
{
    public static readonly CaseKind<ReturnCase> Kind = new(
        "return", ReturnConfiguration.Unit, ReturnCase.Fold,
        ReturnCase.Starts, (_, state, sent) => TypedMessage(state, sent), (_, _) => Array.Empty<UnitMessage>());

    private static object? TypedMessage(ReturnCase state, Procedures.UnitMessageSent sent) => sent.Step.Message switch
    {
        nameof(ReturnBorderProcedureEnded) => new ReturnBorderProcedureLimitPassed(state.Id, state.Country, sent.Step.Reason, sent.At),
        _ => null,
    };
}
