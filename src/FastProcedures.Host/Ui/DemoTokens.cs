using FastProcedures.Host.Security;

namespace FastProcedures.Host.Ui;

/// <summary>Issues the API token of a demo user when the development issuer is on (<c>--demo</c> or
/// <c>FASTPROC_DEV_ISSUER=1</c>); not registered when it is off, and the login page lists no demo users.</summary>
public interface IDemoTokens
{
    string Issue(Person user);
}

/// <summary>The API's development issuer, for a working day's sign-in; on the wall clock, as tokens are checked.</summary>
public sealed class DevIssuerTokens(DevIssuer issuer) : IDemoTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public string Issue(Person user) => issuer.Issue(user.Role, user.Country, user.Unit, user.Name, TimeProvider.System.GetUtcNow(), Lifetime);
}
