using NodaTime;

namespace FastProcedures.Statistics.Eurostat;

/// <summary>
/// Eurostat's dimension codes for the migration statistics (Eurostat metadata migr_asyapp_esms, migr_asydec_esms,
/// migr_dub_esms, migr_eil_esms): citizenship as Eurostat's country codes, sex, age groups.
/// </summary>
public static class Codes
{
    public const string Total = "TOTAL";
    public const string Unknown = "UNK";

    private static readonly IReadOnlyDictionary<string, string> Citizenships = LoadCitizenships();

    /// <summary>ISO 3166-1 alpha-3 (as cases record nationality) to Eurostat's code: alpha-2 except EL (Greece),
    /// UK, XK (Kosovo) and STLS (stateless, recorded as XXX); UNK when not a known code.</summary>
    public static string Citizen(string alpha3) => Citizenships.TryGetValue(alpha3, out var code) ? code : Unknown;

    /// <summary>Sex: T (total), F, M, UNK.</summary>
    public static IReadOnlyList<string> Sex(Reading.Sex sex) => ["T", sex switch
    {
        Reading.Sex.Female => "F",
        Reading.Sex.Male => "M",
        _ => Unknown,
    }];

    /// <summary>Age in completed years on <paramref name="on"/>; null when the date of birth is not known.</summary>
    public static int? AgeOn(DateOnly? dateOfBirth, LocalDate on)
    {
        if (dateOfBirth is not { } born)
        {
            return null;
        }
        var birth = new LocalDate(born.Year, born.Month, born.Day);
        return birth > on ? null : Period.Between(birth, on, PeriodUnits.Years).Years;
    }

    /// <summary>The age groups of the asylum tables (migr_asyapp_esms, migr_asydec_esms): Y_LT14, Y14-17, Y18-34,
    /// Y35-64, Y_GE65, UNK, with the aggregates Y_LT18 (minors) and TOTAL.</summary>
    public static IReadOnlyList<string> AgeGroup(int? age) => age switch
    {
        null => [Total, Unknown],
        < 14 => [Total, "Y_LT18", "Y_LT14"],
        < 18 => [Total, "Y_LT18", "Y14-17"],
        < 35 => [Total, "Y18-34"],
        < 65 => [Total, "Y35-64"],
        _ => [Total, "Y_GE65"],
    };

    /// <summary>The age groups of the unaccompanied minors' tables (migr_asyunaa): Y_LT14, Y14-15, Y16-17, UNK.</summary>
    public static IReadOnlyList<string> MinorAgeGroup(int? age) => age switch
    {
        null => [Total, Unknown],
        < 14 => [Total, "Y_LT14"],
        < 16 => [Total, "Y14-15"],
        _ => [Total, "Y16-17"],
    };

    /// <summary>Eurostat publishes these tables rounded to the nearest 5 (migr_asyapp_esms §3.1, migr_asydec_esms §3.1,
    /// migr_eil_esms): 1-2 become 0, 3-7 become 5.</summary>
    public static int RoundToFive(int value) => (int)Math.Round(value / 5.0, MidpointRounding.AwayFromZero) * 5;

    private static Dictionary<string, string> LoadCitizenships()
    {
        using var stream = typeof(Codes).Assembly.GetManifestResourceStream("citizenship-codes.csv")
            ?? throw new InvalidOperationException("citizenship-codes.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("alpha3", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }
            var parts = line.Split(',');
            codes[parts[0]] = parts[1];
        }
        return codes;
    }
}
