using FastProcedures.Cases.Messages;

namespace FastProcedures.Cases.Return;

/// <summary>How return cases are stored.</summary>
public static class ReturnCases
{
    public static readonly CaseKind<ReturnCase> Kind = new(
        "return", "return", ReturnCase.Fold, c => c.Country, c => c.Version, c => c.Workflows,
        (_, e) => ReturnCase.Starts(e), (_, _) => null, (_, _) => Array.Empty<UnitMessage>());
}
