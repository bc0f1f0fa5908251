using System.ComponentModel;
using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using FastProcedures.Cases.Procedures;
using FastProcedures.Host.Security;
using FastProcedures.Statistics.Eurostat;
using FastProcedures.Statistics.Indicators;
using FastProcedures.Statistics.ProcessMining;
using FastProcedures.Statistics.Reading;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace FastProcedures.Host.Apis;

/// <summary>
/// The official statistics and process-mining exports of the country of the token, for the steering committee and
/// admins: the same code as <c>fastproc report eurostat|eps|frontex</c> and <c>fastproc export ocel|xes</c>
/// (src/FastProcedures.Statistics), so a file downloaded here and one written by the CLI from the same events are equal.
/// </summary>
public static class ReportsApi
{
    private const string Csv = "text/csv";
    private const string Zip = "application/zip";

    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.ReadReports);
        reports.MapGet("/eurostat", EurostatAsync).WithName("get-eurostat-report")
            .WithSummary("The Eurostat tables of a period (Reg. 862/2007 Art. 4, 7) as a zip of one CSV per table and a README")
            .Produces(StatusCodes.Status200OK, contentType: Zip).ProducesValidationProblem();
        reports.MapGet("/eurostat/{table}", EurostatTableAsync).WithName("get-eurostat-table")
            .WithSummary("One Eurostat table of a period as CSV with Eurostat's dimension codes")
            .Produces(StatusCodes.Status200OK, contentType: Csv).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        reports.MapGet("/eps", EpsAsync).WithName("get-eps-report")
            .WithSummary("The EUAA EPS monthly indicators of a period as CSV")
            .Produces(StatusCodes.Status200OK, contentType: Csv).ProducesValidationProblem();
        reports.MapGet("/frontex", FrontexAsync).WithName("get-frontex-report")
            .WithSummary("The Frontex return indicators of a period as CSV")
            .Produces(StatusCodes.Status200OK, contentType: Csv).ProducesValidationProblem();
        reports.MapGet("/ocel", OcelAsync).WithName("get-ocel-export")
            .WithSummary("The country's case events in a window as an OCEL 2.0 JSON log (case ids pseudonymised, no personal data)")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesValidationProblem();
        reports.MapGet("/xes", XesAsync).WithName("get-xes-export")
            .WithSummary("The country's case events in a window as an XES log (case ids pseudonymised, no personal data)")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").ProducesValidationProblem();
        return reports;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> EurostatAsync(
        [Description("A month (2026-10) or a quarter (2026-Q4: its months and the quarterly tables)")] string? period,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation)
    {
        if (!TryPeriod(period, out var reference, out var problem))
        {
            return problem;
        }
        var country = Caller.From(user).Country;
        var report = EurostatReport.Build(await BookAsync(store, catalog, country, cancellation), reference);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in report.Files())
            {
                await using var entry = archive.CreateEntry(name).Open();
                await entry.WriteAsync(Encoding.UTF8.GetBytes(content), cancellation);
            }
        }
        return TypedResults.File(zip.ToArray(), Zip, $"eurostat-{country}-{reference}.zip");
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> EurostatTableAsync(
        [Description("The table's dataset code, e.g. migr_asyappctzm")] string table,
        [Description("A month (2026-10) or a quarter (2026-Q4)")] string? period,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation)
    {
        if (!TryPeriod(period, out var reference, out var problem))
        {
            return problem;
        }
        var country = Caller.From(user).Country;
        var report = EurostatReport.Build(await BookAsync(store, catalog, country, cancellation), reference);
        var file = table.EndsWith(".csv", StringComparison.Ordinal) ? table : table + ".csv";
        if (report.Tables.FirstOrDefault(t => t.Definition.File == file) is not { } found)
        {
            return TypedResults.Problem(title: "No such table",
                detail: $"The report of {reference} has no table {table}; it has {string.Join(", ", report.Tables.Select(t => t.Definition.File[..^4]))}.",
                statusCode: StatusCodes.Status404NotFound, type: "https://tools.ietf.org/html/rfc9110#section-15.5.5");
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(found.ToCsv()), Csv, $"{country}-{reference}-{file}");
    }

    public static Task<Results<FileContentHttpResult, ValidationProblem>> EpsAsync(
        [Description("A month (2026-10) or a quarter (2026-Q4)")] string? period,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation) =>
        IndicatorsAsync(period, user, store, catalog, EpsIndicators.Build, cancellation);

    public static Task<Results<FileContentHttpResult, ValidationProblem>> FrontexAsync(
        [Description("A month (2026-10) or a quarter (2026-Q4)")] string? period,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation) =>
        IndicatorsAsync(period, user, store, catalog, FrontexIndicators.Build, cancellation);

    public static Task<Results<FileContentHttpResult, ValidationProblem>> OcelAsync(
        [Description("First day (2026-10-01, the country's local day) or an ISO 8601 instant with offset")] string? from,
        [Description("Last day, included (2026-12-31), or an ISO 8601 instant with offset (excluded)")] string? to,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation) =>
        ExportAsync(from, to, user, store, catalog, "application/json", "ocel.json", (log, output) => OcelWriter.Write(log, output), cancellation);

    public static Task<Results<FileContentHttpResult, ValidationProblem>> XesAsync(
        [Description("First day (2026-10-01, the country's local day) or an ISO 8601 instant with offset")] string? from,
        [Description("Last day, included (2026-12-31), or an ISO 8601 instant with offset (excluded)")] string? to,
        ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, CancellationToken cancellation) =>
        ExportAsync(from, to, user, store, catalog, "application/xml", "xes", (log, output) => XesWriter.Write(log, output), cancellation);

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> IndicatorsAsync(
        string? period, ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog,
        Func<CaseBook, ReferencePeriod, IndicatorTable> build, CancellationToken cancellation)
    {
        if (!TryPeriod(period, out var reference, out var problem))
        {
            return problem;
        }
        var country = Caller.From(user).Country;
        var table = build(await BookAsync(store, catalog, country, cancellation), reference);
        return TypedResults.File(Encoding.UTF8.GetBytes(table.ToCsv()), Csv, $"{country}-{reference}-{table.File}");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        string? from, string? to, ClaimsPrincipal user, IDocumentStore store, WorkflowCatalog catalog, string contentType, string extension,
        Action<ProcessLog, Stream> write, CancellationToken cancellation)
    {
        var country = Caller.From(user).Country;
        var zone = catalog.Calendar(country).Zone;
        if (ExportWindow.Bound(from, zone, false) is not { } start)
        {
            return ApiProblems.BadQuery("from", $"from: '{from}' is not a day (2026-10-01) or an ISO 8601 instant with offset.");
        }
        if (ExportWindow.Bound(to, zone, true) is not { } end)
        {
            return ApiProblems.BadQuery("to", $"to: '{to}' is not a day (2026-12-31) or an ISO 8601 instant with offset.");
        }
        if (end <= start)
        {
            return ApiProblems.BadQuery("to", $"to ({to}) must come after from ({from}).");
        }
        var streams = await CaseEvents.ReadAsync(store, country, cancellation: cancellation);
        var log = ProcessLog.Build(country, streams, start, end, new Pseudonyms());
        using var output = new MemoryStream();
        write(log, output);
        return TypedResults.File(output.ToArray(), contentType, $"{country}-{from}-{to}.{extension}");
    }

    private static bool TryPeriod(string? text, out ReferencePeriod period, out ValidationProblem problem)
    {
        problem = null!;
        if (ReferencePeriod.TryParse(text, out period))
        {
            return true;
        }
        problem = ApiProblems.BadQuery("period", $"period: '{text}' is not a month (2026-10) or a quarter (2026-Q4).");
        return false;
    }

    private static Task<CaseBook> BookAsync(IDocumentStore store, WorkflowCatalog catalog, string country, CancellationToken cancellation) =>
        CaseBook.LoadAsync(store, country, catalog.Calendar(country).Zone, cancellation: cancellation);
}
