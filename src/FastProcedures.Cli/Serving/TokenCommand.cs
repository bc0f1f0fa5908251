using System.ComponentModel;
using FastProcedures.Cases;
using FastProcedures.Host.Security;
using Spectre.Console.Cli;

namespace FastProcedures.Cli.Serving;

/// <summary>Prints one bearer token from the development issuer (demo and tests); refuses when it is off.</summary>
internal sealed class TokenCommand : Command<TokenCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--role <ROLE>")]
        [Description("caseworker, return-officer, auditor, admin or steering.")]
        public string? Role { get; init; }

        [CommandOption("--tenant <COUNTRY>")]
        [Description("BG or RO: the only country the token's holder sees.")]
        public string? Tenant { get; init; }

        [CommandOption("--unit <UNIT>")]
        [Description("For a caseworker: reception or asylum.")]
        public string? Unit { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("Who holds the token (recorded as the actor of commands and in access logs). Default: the OS user.")]
        public string? Name { get; init; }

        [CommandOption("--hours <HOURS>")]
        [Description("How long the token is valid. Default: 8.")]
        public int Hours { get; init; } = 8;
    }

    public static readonly IReadOnlyList<string> CaseworkerUnits =
        [FastProcedures.Cases.Reception.ReceptionConfiguration.Unit, FastProcedures.Cases.Asylum.AsylumConfiguration.Unit];

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Role is null || !Policies.AllRoles.Contains(settings.Role))
        {
            return Cli.Fail($"--role: '{settings.Role}' is not one of {string.Join(", ", Policies.AllRoles)}.", 2);
        }
        if (settings.Tenant is null || !Validation.Countries.Contains(settings.Tenant))
        {
            return Cli.Fail($"--tenant: '{settings.Tenant}' is not one of {string.Join(", ", Validation.Countries)}.", 2);
        }
        if (settings.Role == Policies.Caseworker && (settings.Unit is null || !CaseworkerUnits.Contains(settings.Unit)))
        {
            return Cli.Fail($"--unit: a caseworker works in {string.Join(" or ", CaseworkerUnits)} (got '{settings.Unit}').", 2);
        }
        if (settings.Role != Policies.Caseworker && settings.Unit is not null)
        {
            return Cli.Fail($"--unit is for caseworkers only; a {settings.Role} has no unit.", 2);
        }
        if (settings.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return Cli.Fail("--name is empty.", 2);
        }
        if (settings.Hours is < 1 or > 24 * 7)
        {
            return Cli.Fail("--hours is 1 to 168.", 2);
        }
        var keyFile = DevIssuer.DefaultKeyFile();
        var issuer = DevIssuer.EnabledByEnvironment() ? DevIssuer.LoadOrCreate(keyFile) : DevIssuer.TryLoad(keyFile);
        if (issuer is null)
        {
            return Cli.Fail($"the development issuer is off (no key in {keyFile}): start 'fastproc serve --demo' or set FASTPROC_DEV_ISSUER=1.", 1);
        }
        Console.WriteLine(issuer.Issue(settings.Role, settings.Tenant, settings.Unit, settings.Name ?? Environment.UserName,
            DateTimeOffset.UtcNow, TimeSpan.FromHours(settings.Hours)));
        return 0;
    }
}
