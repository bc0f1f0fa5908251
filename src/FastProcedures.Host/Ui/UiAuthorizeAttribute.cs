using Microsoft.AspNetCore.Authorization;

namespace FastProcedures.Host.Ui;

/// <summary>A UI page for signed-in people (the UI cookie, whatever the API's default scheme), optionally of some roles.</summary>
public sealed class UiAuthorizeAttribute : AuthorizeAttribute
{
    public UiAuthorizeAttribute(params string[] roles)
    {
        // A named policy, so the API's default policy (bearer schemes) is not combined in.
        Policy = UiSetup.Policy;
        if (roles.Length > 0)
        {
            Roles = string.Join(',', roles);
        }
    }
}
