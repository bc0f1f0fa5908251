using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastProcedures.IntegrationTests.Cli;

/// <summary><c>fastproc token</c>: one token on stdout from the development issuer of the data folder, which the
/// host trusts with <c>--demo</c>; a refusal with one line when the issuer is off or the arguments are wrong.</summary>
public sealed class when_a_token_is_issued : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "fastproc-token-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private Dictionary<string, string?> Environment(bool devIssuer) => new()
    {
        ["FASTPROC_DATA"] = _data,
        ["FASTPROC_DEV_ISSUER"] = devIssuer ? "1" : null,
    };

    [Fact]
    public async Task it_refuses_while_the_development_issuer_is_off()
    {
        var result = await CliRunner.RunAsync(Environment(false), "token", "--role", "auditor", "--tenant", "BG");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Contains("development issuer is off", result.StandardError);
        Assert.False(File.Exists(Path.Combine(_data, "dev-issuer", "signing-key.pem")));
    }

    [Fact]
    public async Task it_prints_one_token_the_host_validates_with_role_tenant_unit_and_name()
    {
        var result = await CliRunner.RunAsync(Environment(true),
            "token", "--role", "caseworker", "--unit", "asylum", "--tenant", "RO", "--name", "Ana Popescu");

        Assert.Equal(0, result.ExitCode);
        var token = result.StandardOutput.Trim();
        Assert.DoesNotContain('\n', token);
        var issuer = DevIssuer.TryLoad(Path.Combine(_data, "dev-issuer", "signing-key.pem"))!;
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, issuer.ValidationParameters());
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal("caseworker", validated.Claims["role"]);
        Assert.Equal("RO", validated.Claims["tenant"]);
        Assert.Equal("asylum", validated.Claims["unit"]);
        Assert.Equal("Ana Popescu", validated.Claims["name"]);

        var again = await CliRunner.RunAsync(Environment(false), "token", "--role", "auditor", "--tenant", "BG");
        Assert.Equal(0, again.ExitCode); // the key stays in the data folder for the next token
    }

    [Theory]
    [InlineData("--role", "janitor", "--tenant", "BG")]
    [InlineData("--role", "auditor", "--tenant", "DE")]
    [InlineData("--role", "caseworker", "--tenant", "BG")]
    [InlineData("--role", "caseworker", "--unit", "kitchen", "--tenant", "BG")]
    [InlineData("--role", "auditor", "--unit", "asylum", "--tenant", "BG")]
    public async Task bad_arguments_get_one_line_and_exit_2(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(Environment(true), ["token", .. arguments]);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }
}
