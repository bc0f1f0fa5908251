namespace FastProcedures.Cases.Reception;

/// <summary>The reception unit: it opens asylum cases (making an application starts the case's stream).</summary>
public static class ReceptionConfiguration
{
    /// <summary>The reception unit's queue; commands sent by reception caseworkers carry it too.</summary>
    public const string Unit = "reception";
}
