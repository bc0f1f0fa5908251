namespace FastProcedures.Cases.Return;

/// <summary>The removal safety interlock: each bar with the rule that sets it.</summary>
public static class RemovalBars
{
    public static string Explain(RemovalBar bar) => bar switch
    {
        RemovalBar.NoReturnDecision => "no return decision has been issued (RD Art. 6)",
        RemovalBar.VoluntaryDepartureRunning => "the voluntary departure period is running (RD Art. 7, 8(1))",
        RemovalBar.AppealWindowOpen => "the asylum appeal window is open (APR Art. 67-68)",
        RemovalBar.SuspensiveAppealPending => "an appeal with suspensive effect is pending (APR Art. 68)",
        RemovalBar.RightToRemain => "a court allowed the person to remain pending the appeal (APR Art. 68)",
        RemovalBar.TransferPending => "an AMMR transfer is pending (AMMR Art. 46)",
        RemovalBar.MedicalOrVulnerabilityHold => "a medical or vulnerability hold stands (RD Art. 5, 9(2)(a))",
        RemovalBar.CaseClosed => "the return case is closed",
        _ => bar.ToString(),
    };

    /// <summary>Refuses with every bar named, or returns when none stands.</summary>
    public static void Refuse(string what, ReturnCase state, IReadOnlyList<RemovalBar> bars)
    {
        if (bars.Count > 0)
        {
            throw new CaseCommandRefused($"{what} for {state.Id}: {string.Join("; ", bars.Select(Explain))}.");
        }
    }
}
