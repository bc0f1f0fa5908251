using FastProcedures.Host.Security;
using FastProcedures.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastProcedures.IntegrationTests.Api;

/// <summary>Which tokens the host trusts: none without an issuer; with an OIDC authority and the development issuer,
/// each token goes to the issuer that signed it, so a demo keeps working while the authority does not answer.</summary>
public sealed class when_the_api_trusts_another_issuer(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task without_an_issuer_every_token_is_refused_and_health_still_answers()
    {
        await using var host = await database.StartHostAsync(security: new ApiSecurity(null, null, null));

        Assert.Equal(401, (await host.GetAsync(Tokens.Auditor("BG"), "/api/cases")).Status);
        Assert.Equal(200, (await host.GetAsync("", "/health")).Status);
    }

    [Fact]
    public async Task beside_an_authority_that_does_not_answer_development_tokens_work_and_others_get_401()
    {
        await using var host = await database.StartHostAsync(
            security: new ApiSecurity("http://127.0.0.1:9/realms/fastproc", "fastproc-api", Tokens.Issuer));
        var key = Tokens.Another("oidc").Key;
        var foreign = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "http://127.0.0.1:9/realms/fastproc",
            Audience = "fastproc-api",
            Claims = new Dictionary<string, object> { ["sub"] = "x", ["role"] = "auditor", ["tenant"] = "BG" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });

        Assert.Equal(200, (await host.GetAsync(Tokens.Auditor("BG"), "/api/cases")).Status);
        Assert.Equal(401, (await host.GetAsync(foreign, "/api/cases")).Status);
    }
}
