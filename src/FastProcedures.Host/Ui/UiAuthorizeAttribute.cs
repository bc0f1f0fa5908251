using Microsoft.AspNetCore.Authorization;

namespace FastProcedures.Host.Ui;

/// <summary>A UI page for signed-in people (the UI cookie, whatever the API's default scheme), optionally of some roles.</summary>
public sealed class UiAuthorizeAttribute : AuthorizeAttribute
{
    public UiAuthorizeAttribute(params string[] roles)
    {
        AuthenticationSchemes = UiSetup.Scheme;
        if (roles.Length > 0)
        {
            Roles = string.Join(',', roles);
        }
    }
}
