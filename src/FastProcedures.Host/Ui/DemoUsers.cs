namespace FastProcedures.Host.Ui;

/// <summary>A signed-in person as the UI shows them: a demo user of the development issuer, or one from the OIDC provider.</summary>
public sealed record Person(string Id, string Role, string Country, string? Unit, string Name)
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

    public static IReadOnlyList<Person> All { get; } = Countries.SelectMany(country => new[]
    {
        new Person($"reception-{country.ToLowerInvariant()}", "caseworker", country, "reception", $"reception.{country.ToLowerInvariant()}"),
        new Person($"asylum-{country.ToLowerInvariant()}", "caseworker", country, "asylum", $"asylum.{country.ToLowerInvariant()}"),
        new Person($"return-{country.ToLowerInvariant()}", "return-officer", country, "return", $"return.{country.ToLowerInvariant()}"),
        new Person($"auditor-{country.ToLowerInvariant()}", "auditor", country, null, $"auditor.{country.ToLowerInvariant()}"),
        new Person($"steering-{country.ToLowerInvariant()}", "steering", country, null, $"steering.{country.ToLowerInvariant()}"),
        new Person($"admin-{country.ToLowerInvariant()}", "admin", country, null, $"admin.{country.ToLowerInvariant()}"),
    }).ToList();

    public static Person? Find(string? id) => All.FirstOrDefault(u => u.Id == id);
}
