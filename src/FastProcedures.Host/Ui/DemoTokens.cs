namespace FastProcedures.Host.Ui;

/// <summary>Issues the API token of a demo user when the development issuer is on (<c>--demo</c> or
/// <c>FASTPROC_DEV_ISSUER=1</c>); null when it is off, and the login page lists no demo users.</summary>
public interface IDemoTokens
{
    string? Issue(DemoUser user);
}
