namespace FastProcedures.Host.Ui;

/// <summary>A person of the demo, signed in through the development issuer: one per role, unit and country.</summary>
public sealed record DemoUser(string Id, string Role, string Country, string? Unit, string Name)
{
    public string CountryName => Country switch { "BG" => "Bulgaria", "RO" => "Romania", _ => Country };

    public string RoleTitle => (Role, Unit) switch
    {
        ("caseworker", "reception") => "Reception caseworker",
        ("caseworker", "asylum") => "Asylum caseworker",
        ("return-officer", _) => "Return officer",
        ("auditor", _) => "Auditor",
        ("admin", _) => "Administrator",
        ("steering", _) => "Steering committee",
        _ => Role,
    };

    public string Title => $"{RoleTitle}, {CountryName}";
}

public static class DemoUsers
{
    private static readonly string[] Countries = ["BG", "RO"];

    public static IReadOnlyList<DemoUser> All { get; } = Countries.SelectMany(country => new[]
    {
        new DemoUser($"reception-{country.ToLowerInvariant()}", "caseworker", country, "reception", $"reception.{country.ToLowerInvariant()}"),
        new DemoUser($"asylum-{country.ToLowerInvariant()}", "caseworker", country, "asylum", $"asylum.{country.ToLowerInvariant()}"),
        new DemoUser($"return-{country.ToLowerInvariant()}", "return-officer", country, "return", $"return.{country.ToLowerInvariant()}"),
        new DemoUser($"auditor-{country.ToLowerInvariant()}", "auditor", country, null, $"auditor.{country.ToLowerInvariant()}"),
        new DemoUser($"steering-{country.ToLowerInvariant()}", "steering", country, null, $"steering.{country.ToLowerInvariant()}"),
    }).ToList();

    public static DemoUser? Find(string? id) => All.FirstOrDefault(u => u.Id == id);
}
