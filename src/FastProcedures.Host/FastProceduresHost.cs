using FastProcedures.Cases;
using FastProcedures.Host.Apis;
using FastProcedures.Host.OpenApi;
using FastProcedures.Host.Security;
using Scalar.AspNetCore;
using FastProcedures.Host.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace FastProcedures.Host;

/// <summary>The web host: REST API, health, UI. Built by <c>fastproc serve</c> and by the integration tests.</summary>
public static class FastProceduresHost
{
    /// <param name="security">Who may call the API; from the environment when not given (no development issuer).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, CasesSettings settings, ApiSecurity? security = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(FastProceduresHost).Assembly.GetName().Name,
            // The UI's static files (wwwroot, MudBlazor's) live beside the assembly, wherever fastproc is started.
            ContentRootPath = AppContext.BaseDirectory,
        });
        ConfigureQuietLogging(builder.Logging);
        builder.Host.UseWolverine(opts => opts.UseFastProcedures(settings));
        builder.Services.AddSingleton(settings);
        builder.Services.AddProblemDetails();
        security ??= ApiSecurity.FromEnvironment();
        security.Configure(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.AddFastProceduresUi(security);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    /// <summary>Middleware and endpoints; separate from <see cref="Build"/> so Alba can build the app in tests.</summary>
    public static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("FastProcedures API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        app.MapGet("/health", CheckHealth).WithName("Health").WithTags("Health").WithSummary("200 when PostgreSQL answers, 503 otherwise.")
            .AllowAnonymous();
        app.MapCasesApi();
        app.MapBoardsApi();
        app.MapAdminApi();
        app.MapReportsApi();
        app.MapChainApi();
        app.MapErasureApi();
        app.MapFastProceduresUi();
    }

    private static async Task<IResult> CheckHealth(CasesSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = 3 };
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return Results.Ok(new { status = "healthy" });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return Results.Problem(title: "PostgreSQL does not answer", detail: e.Message,
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>Warnings and errors from libraries; our own information and the listening address.</summary>
    public static void ConfigureQuietLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddFilter("FastProcedures", LogLevel.Information);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
    }
}
