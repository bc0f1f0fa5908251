namespace FastProcedures.Workflows.Routing;

public enum Place
{
    Border,
    Territory,
}

public enum SubsequentApplication
{
    None,
    WithNewElements,
    WithoutNewElements,
}

/// <summary>What routing needs to know about an application when it is registered.</summary>
/// <param name="Country">BG or RO: the Member State examining the application.</param>
/// <param name="Nationality">ISO 3166-1 alpha-3.</param>
/// <param name="SecurityGrounds">Danger to national security or public order (APR Art. 42(1)(f)).</param>
/// <param name="MisledAuthorities">The applicant misled the authorities (APR Art. 42(1)(c)).</param>
/// <param name="SafeThirdCountry">An inadmissibility ground of safe third country applies (APR Art. 38).</param>
/// <param name="BorderCapacityReached">The State's adequate capacity for the border procedure is reached (APR Arts. 46-50).</param>
/// <param name="ApplicationDate">The day the application was made, in the country's time zone.</param>
public sealed record ApplicationFacts(
    string Country,
    Place Place,
    string Nationality,
    bool SecurityGrounds,
    bool MisledAuthorities,
    SubsequentApplication Subsequent,
    bool UnaccompaniedMinor,
    bool SafeThirdCountry,
    bool BorderCapacityReached,
    DateOnly ApplicationDate)
{
    /// <summary>A spouse, partner or accompanied minor applies separately after consenting to an application on their
    /// behalf, without facts justifying it (APR Art. 38(1)(e), decided within ten working days, Art. 35(1)).</summary>
    public bool SeparateApplicationAfterConsent { get; init; }

    /// <summary>A safe country of origin for the applicant (APR Art. 42(1)(b)); the designated nationalities of the
    /// routing data count too.</summary>
    public bool SafeCountryOfOrigin { get; init; }
}

/// <summary>The outcome of routing. <see cref="Procedure"/> is a definition id, or null for a pre-Pact application
/// (made before the rules' <c>applies-from</c>), which stays in the national procedure.</summary>
public sealed record RoutingDecision(
    string? Procedure,
    string? Ground,
    string LegalBasis,
    string Rule,
    decimal? RecognitionRate,
    string RecognitionRatePeriod)
{
    public bool PrePact => Procedure is null;
}
