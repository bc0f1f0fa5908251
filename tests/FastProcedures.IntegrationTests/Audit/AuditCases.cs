using Alba;
using FastProcedures.Cases.Asylum;
using FastProcedures.Cases.Asylum.Examining;
using FastProcedures.Cases.Reception.MakingApplication;
using FastProcedures.Cases.Reception.Registering;
using FastProcedures.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FastProcedures.IntegrationTests.Audit;

/// <summary>Cases the audit tests inspect, made through the same commands units send.</summary>
public static class AuditCases
{
    /// <summary>Application at the border, registration into the border procedure, lodging: three decisions an hour apart.</summary>
    public static async Task<(DateTimeOffset Made, DateTimeOffset Registered, DateTimeOffset Lodged)> WalkAsync(
        this IAlbaHost host, DatabaseFixture database, string id, DateTimeOffset start, string name = "Audit Applicant")
    {
        var country = id[..2];
        database.Clock.Set(start);
        await host.SendAsync(country, new MakeApplication(id, country, ApplicationPlace.Border, "Lesovo", "MAR", false,
            new PersonalDetails(name, new DateOnly(1990, 1, 2), "+359 888 123 456"), "officer-reception"));
        database.Clock.Set(start.AddHours(1));
        await host.SendAsync(country, new RegisterApplication(id, null, "border-procedure", "APR Art. 42(1)(j)", "APR Art. 45(1)", "officer-reception"));
        database.Clock.Set(start.AddHours(2));
        await host.SendAsync(country, new LodgeApplication(id, null, "officer-asylum"));
        return (start, start.AddHours(1), start.AddHours(2));
    }

    public static IDocumentSession Session(this IAlbaHost host, string tenant) =>
        host.Services.GetRequiredService<IDocumentStore>().LightweightSession(tenant);

    public static ISerializer Serializer(this IAlbaHost host) =>
        host.Services.GetRequiredService<IDocumentStore>().Options.Serializer();

    /// <summary>An UPDATE behind the application's back.</summary>
    public static async Task<int> SqlAsync(this DatabaseFixture database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every table of the application's schema whose rows, as text, contain <paramref name="text"/>.</summary>
    public static async Task<IReadOnlyList<string>> TablesContainingAsync(this DatabaseFixture database, string text)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'fastproc' and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("mt_events", tables);
        var found = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"select count(*) from fastproc.\"{table}\" t where t::text ilike @text", connection);
            search.Parameters.AddWithValue("text", $"%{text}%");
            if ((long)(await search.ExecuteScalarAsync())! > 0)
            {
                found.Add(table);
            }
        }
        return found;
    }
}
