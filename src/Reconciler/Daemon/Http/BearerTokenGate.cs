using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Reconciler.Daemon.Http;

/// <summary>
/// The access rule: /healthz, /readyz, /webhooks/* (signed instead) and /invite/* (own tokens) are open; everything
/// else needs <c>Authorization: Bearer &lt;daemon.statusToken&gt;</c>. Without a configured token the daemon only
/// starts bound to loopback, where the machine's own users are the audience, and then nothing is asked.
/// </summary>
public sealed class BearerTokenGate(string? token)
{
    private readonly byte[]? _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool IsOpen(PathString path) =>
        path == "/healthz" || path == "/readyz" || path.StartsWithSegments("/webhooks") || path.StartsWithSegments("/invite");

    public bool Allows(HttpContext context)
    {
        if (_expected is null || IsOpen(context.Request.Path))
        {
            return true;
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hash both sides so the comparison is constant-time whatever the lengths.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Allows(context))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"reconciler\"";
        await context.Response.WriteAsync("401: send Authorization: Bearer <daemon.statusToken>\n");
    }
}
