using System.Security.Cryptography;
using FastProcedures.Postgres;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastProcedures.Host.Security;

/// <summary>
/// The development token issuer (demo and tests only): an ECDSA P-256 key generated once into the data folder
/// (<c>FASTPROC_DATA/dev-issuer/signing-key.pem</c>), which <c>fastproc token</c> signs with and the host trusts when
/// started with <c>--demo</c> or <c>FASTPROC_DEV_ISSUER=1</c>. Production trusts an OIDC authority instead.
/// </summary>
public sealed class DevIssuer
{
    public const string Issuer = "fastproc-dev-issuer";
    public const string Audience = "fastproc-api";

    private DevIssuer(string keyFile, ECDsa key)
    {
        KeyFile = keyFile;
        Key = new ECDsaSecurityKey(key) { KeyId = KeyIdOf(key) };
    }

    public string KeyFile { get; }

    public ECDsaSecurityKey Key { get; }

    /// <summary>Whether <c>FASTPROC_DEV_ISSUER=1</c> turns the development issuer on.</summary>
    public static bool EnabledByEnvironment() => Environment.GetEnvironmentVariable("FASTPROC_DEV_ISSUER") is "1" or "true";

    public static string DefaultKeyFile() => Path.Combine(EmbeddedPostgres.DefaultRootDirectory(), "dev-issuer", "signing-key.pem");

    /// <summary>The key of <paramref name="keyFile"/>, generated (owner-only file) when absent.</summary>
    public static DevIssuer LoadOrCreate(string keyFile)
    {
        if (TryLoad(keyFile) is { } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temporary = keyFile + ".tmp";
        File.WriteAllText(temporary, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, keyFile, overwrite: true);
        return new DevIssuer(keyFile, key);
    }

    /// <summary>The key of <paramref name="keyFile"/>, or null when there is none.</summary>
    public static DevIssuer? TryLoad(string keyFile)
    {
        if (!File.Exists(keyFile))
        {
            return null;
        }
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        return new DevIssuer(keyFile, key);
    }

    /// <summary>A signed bearer token for a person acting in a role for a country.</summary>
    public string Issue(string role, string tenant, string? unit, string name, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object>
        {
            [ApiClaims.Subject] = name,
            [ApiClaims.Name] = name,
            [ApiClaims.Role] = role,
            [ApiClaims.Tenant] = tenant,
        };
        if (unit is not null)
        {
            claims[ApiClaims.Unit] = unit;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.EcdsaSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        NameClaimType = ApiClaims.Name,
        RoleClaimType = ApiClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    private static string KeyIdOf(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}

/// <summary>The claims FastProcedures reads from a token: who, in which role, for which country and unit.</summary>
public static class ApiClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Tenant = "tenant";
    public const string Unit = "unit";
}
