using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Reception;
using FastProcedures.Cases.Return;

namespace FastProcedures.Host.Ui;

/// <summary>A signed-in person as the UI shows them: a demo user of the development issuer, or one from the OIDC provider.</summary>
public sealed record Person(string Id, string Role, string Country, string? Unit, string Name)
{
    public string CountryName => Country switch { "BG" => "Bulgaria", "RO" => "Romania", _ => Country };

    public string RoleTitle => (Role, Unit) switch
    {
        ("caseworker", ReceptionConfiguration.Unit) => "Reception caseworker",
        ("caseworker", AsylumConfiguration.Unit) => "Asylum caseworker",
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
        new Person($"reception-{country.ToLowerInvariant()}", "caseworker", country, ReceptionConfiguration.Unit, $"reception.{country.ToLowerInvariant()}"),
        new Person($"asylum-{country.ToLowerInvariant()}", "caseworker", country, AsylumConfiguration.Unit, $"asylum.{country.ToLowerInvariant()}"),
        new Person($"return-{country.ToLowerInvariant()}", "return-officer", country, ReturnConfiguration.Unit, $"return.{country.ToLowerInvariant()}"),
        new Person($"auditor-{country.ToLowerInvariant()}", "auditor", country, null, $"auditor.{country.ToLowerInvariant()}"),
        new Person($"steering-{country.ToLowerInvariant()}", "steering", country, null, $"steering.{country.ToLowerInvariant()}"),
        new Person($"admin-{country.ToLowerInvariant()}", "admin", country, null, $"admin.{country.ToLowerInvariant()}"),
    }).ToList();

    public static Person? Find(string? id) => All.FirstOrDefault(u => u.Id == id);
}
