using FastProcedures.Cases;
using FastProcedures.Cases.Procedures;
using FastProcedures.Cli.Audit;
using FastProcedures.Statistics.Reading;
using Npgsql;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Statistics;

/// <summary>Registers the official statistics and process-mining verbs: report eurostat|eps|frontex, export ocel|xes.</summary>
internal static class StatisticsVerbs
{
    public static void Register(IConfigurator config)
    {
        config.AddBranch("report", report =>
        {
            report.SetDescription("Official statistics computed from the case events, one CSV file per table.");
            report.AddCommand<EurostatReportCommand>("eurostat")
                .WithDescription("Eurostat tables under Reg. (EC) 862/2007 as amended by Reg. (EU) 2020/851 (Art. 4, Art. 7).")
                .WithExample("report", "eurostat", "--country", "BG", "--period", "2026-Q4", "--out", "eurostat-bg");
            report.AddCommand<EpsReportCommand>("eps")
                .WithDescription("EUAA EPS monthly indicators (applications, decisions, recognition rate, pending, withdrawals).")
                .WithExample("report", "eps", "--country", "RO", "--period", "2026-10", "--out", "eps-ro");
            report.AddCommand<FrontexReportCommand>("frontex")
                .WithDescription("Frontex return indicators (return decisions, effective returns by type, ready for return but not organised).")
                .WithExample("report", "frontex", "--country", "BG", "--period", "2026-Q4", "--out", "frontex-bg");
        });
        config.AddBranch("export", export =>
        {
            export.SetDescription("A country's case events as a process-mining log; case ids pseudonymised per export, no personal data.");
            export.AddCommand<OcelExportCommand>("ocel")
                .WithDescription("OCEL 2.0 JSON (objects: cases, procedures, units).")
                .WithExample("export", "ocel", "--country", "BG", "--from", "2026-10-01", "--to", "2026-12-31", "--out", "bg.ocel.json");
            export.AddCommand<XesExportCommand>("xes")
                .WithDescription("XES (IEEE 1849-2016), one trace per case.")
                .WithExample("export", "xes", "--country", "RO", "--from", "2026-10-01", "--to", "2026-12-31", "--out", "ro.xes");
        });
    }

    /// <summary>Checks what every statistics verb shares; null when valid, else the one-line reason.</summary>
    public static string? CheckCountry(string? country) =>
        country is null ? "--country is required (BG or RO)."
        : Validation.Countries.Contains(country) ? null
        : $"--country: '{country}' is not one of {string.Join(", ", Validation.Countries)}.";

    /// <summary>The country's time zone, from its calendar in <c>workflows/calendars</c> (periods are local months).</summary>
    public static NodaTime.DateTimeZone Zone(string country) => WorkflowCatalog.Load().Calendar(country).Zone;

    /// <summary>Reads the country's cases from <c>FASTPROC_DB</c> or the embedded cluster; one line on failure.</summary>
    public static async Task<CaseBook?> LoadAsync(string country, NodaTime.DateTimeZone zone, CancellationToken cancellation)
    {
        var connectionString = await AuditVerbs.ConnectionStringAsync(cancellation);
        if (!await HoldsEventStoreAsync(connectionString, cancellation))
        {
            return null;
        }
        await using var store = AuditVerbs.Store(connectionString);
        Cli.Progress($"Reading the case events of {country} ...");
        try
        {
            return await CaseBook.LoadAsync(store, country, zone, Cli.Progress, cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>Reads the country's case events only (no personal data is unsealed); null when there is no event store.</summary>
    public static async Task<IReadOnlyList<CaseStream>?> LoadStreamsAsync(string country, CancellationToken cancellation)
    {
        var connectionString = await AuditVerbs.ConnectionStringAsync(cancellation);
        if (!await HoldsEventStoreAsync(connectionString, cancellation))
        {
            return null;
        }
        await using var store = AuditVerbs.Store(connectionString);
        Cli.Progress($"Reading the case events of {country} ...");
        try
        {
            return await CaseEvents.ReadAsync(store, country, Cli.Progress, cancellation);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    /// <summary>Looks before Marten touches the database: a report must not create the schema in a wrong database.</summary>
    private static async Task<bool> HoldsEventStoreAsync(string connectionString, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand("select to_regclass('fastproc.mt_events') is not null", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    public const string NoEventStore = "This database holds no FastProcedures event store (fastproc.mt_events is missing).";
}
