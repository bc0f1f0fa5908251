using System.ComponentModel;
using FastProcedures.Cases;
using FastProcedures.Host;
using FastProcedures.Host.Demo;
using FastProcedures.Host.Security;
using FastProcedures.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Serving;

internal sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--demo")]
        [Description("Seed demo cases (BG and RO, at different stages) through the same commands users send.")]
        public bool Demo { get; init; }

        [CommandOption("--urls <URLS>")]
        [Description("Where to listen; several separated by ';'. Default http://127.0.0.1:5080.")]
        public string Urls { get; init; } = "http://127.0.0.1:5080";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (ParseUrls(settings.Urls) is { } bad)
        {
            return Cli.Fail($"--urls: '{bad}' is not an absolute http:// or https:// URL with a host.", 2);
        }
        var rabbitMq = RabbitMqUri(out var rabbitMqValid);
        if (!rabbitMqValid)
        {
            return Cli.Fail("FASTPROC_RABBITMQ is not an amqp:// or amqps:// URI.", 2);
        }
        if (rabbitMq is not null && await BrokerProblemAsync(rabbitMq, cancellationToken) is { } problem)
        {
            return Cli.Fail(problem, 2);
        }
        // Definitions fail fast, before any database is started: an invalid file stops start-up with its errors.
        if (FastProcedures.Cli.Workflows.Definitions.WithRegistry(_ => 0) is not 0 and var invalid)
        {
            return invalid;
        }
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var connectionString = await DatabaseLocator.ResolveAsync(configuration, Cli.Progress, cancellationToken);
            var security = ApiSecurity.FromEnvironment(devIssuer: settings.Demo);
            var builder = FastProceduresHost.CreateBuilder([], new CasesSettings(connectionString)
            {
                DurabilityMode = Wolverine.DurabilityMode.Solo,
                Units = rabbitMq is null ? LocalUnitQueues.Instance : new RabbitMqUnitQueues(rabbitMq),
            }, security);
            builder.WebHost.UseUrls(settings.Urls);
            if (settings.Demo)
            {
                var clock = new FastProcedures.Host.Demo.DemoClock();
                builder.Services.AddSingleton(clock);
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Services.AddSingleton<IDemoSeeder, FastProcedures.Host.Demo.DemoSeeder>();
            }
            await using var app = FastProceduresHost.Build(builder);
            await app.StartAsync(cancellationToken);
            if (settings.Demo)
            {
                await SeedDemoAsync(app.Services, cancellationToken);
            }
            if (security.DevIssuer is not null)
            {
                Cli.Progress("Development issuer on: 'fastproc token --role auditor --tenant BG' prints a bearer token.");
            }
            if (security.Authority is null && security.DevIssuer is null)
            {
                Cli.Progress("No token issuer: set FASTPROC_OIDC_AUTHORITY and FASTPROC_OIDC_AUDIENCE (or use --demo); the API refuses every token until then.");
            }
            Cli.Progress($"Serving on {settings.Urls} (Ctrl-C stops; the PostgreSQL cluster keeps running until 'fastproc db stop').");
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
        catch (PostgresLauncherException e)
        {
            return Cli.Fail(e.Message, e.ExitCode);
        }
        catch (IOException e) when (e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            return Cli.Fail($"Cannot listen on {settings.Urls}: the address is already in use.", 1);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    private static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var seeders = services.GetServices<IDemoSeeder>().ToList();
        if (seeders.Count == 0)
        {
            Cli.Progress("--demo: no demo seeder is registered in this build; serving without demo cases.");
            return;
        }
        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(services, cancellationToken);
        }
        Cli.Progress("Demo cases seeded.");
    }

    /// <summary>Connects to the broker once before anything starts: an unreachable broker is one line and a prompt exit,
    /// not Wolverine's reconnection attempts (a stack trace every few seconds and a long shutdown).</summary>
    private static async Task<string?> BrokerProblemAsync(Uri broker, CancellationToken cancellationToken)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory
        {
            Uri = broker,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                      or RabbitMQ.Client.Exceptions.RabbitMQClientException
                                      or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            var reason = e.GetBaseException().Message;
            return $"Cannot reach RabbitMQ at {broker.Host}:{(broker.IsDefaultPort ? (broker.Scheme == "amqps" ? 5671 : 5672) : broker.Port)} " +
                $"given in FASTPROC_RABBITMQ: {reason.ReplaceLineEndings(" ")}";
        }
    }

    /// <summary>FASTPROC_RABBITMQ when set; <paramref name="valid"/> is false when it is not an amqp URI.</summary>
    private static Uri? RabbitMqUri(out bool valid)
    {
        valid = true;
        if (Environment.GetEnvironmentVariable("FASTPROC_RABBITMQ") is not { Length: > 0 } text)
        {
            return null;
        }
        valid = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps";
        return valid ? uri : null;
    }

    /// <summary>The first URL that is not usable, or null when all are.</summary>
    private static string? ParseUrls(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            {
                return url;
            }
        }
        return urls.Trim().Length == 0 ? urls : null;
    }
}
