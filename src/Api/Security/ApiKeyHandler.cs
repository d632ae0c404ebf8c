using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header against the configured keys, comparing in constant time, and gives the
/// caller its role. Keys never reach a log: only whether one was sent and which role it carries.
/// </summary>
internal sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<AuthOptions> auth, Microsoft.AspNetCore.Http.IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    private readonly (byte[] Hash, string Role)[] _keys = Hashes(auth.Value);

    /// <summary>
    /// The cookie a browser sends the key in to the Hangfire dashboard, which cannot send a header: the venue's dashboard
    /// sets it for the path /hangfire only, SameSite=Strict, so no other site's page can make the browser send it.
    /// </summary>
    public const string HangfireCookie = "ktvrec-hangfire-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers.TryGetValue(Header, out var values) ? values.ToString()
            : Request.Path.StartsWithSegments("/hangfire") && Request.Cookies.TryGetValue(HangfireCookie, out var cookie) ? Uri.UnescapeDataString(cookie)
            : null;
        if (string.IsNullOrEmpty(key)) return Task.FromResult(AuthenticateResult.NoResult());

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        string? role = null;
        foreach (var (hash, keyRole) in _keys)
        {
            // Every key is compared, in constant time, so timing says nothing about which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(presented, hash) && role != Roles.Admin) role = keyRole;
        }
        if (role is null) return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));

        var claims = new List<Claim> { new(ClaimTypes.Name, role), new(ClaimTypes.Role, role) };
        if (role == Roles.Admin) claims.Add(new Claim(ClaimTypes.Role, Roles.Ingest));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required.",
            Request.Headers.ContainsKey(Header)
                ? $"The {Header} header does not hold a valid key."
                : $"Send a key in the {Header} header.");

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "This key may not do that.",
            "This endpoint needs an admin key (or an ingest key for writes of events, sessions, users and songs).");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    private static (byte[], string)[] Hashes(AuthOptions options) =>
        options.AdminKeys.Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k)), Roles.Admin))
            .Concat(options.IngestKeys.Select(k => (SHA256.HashData(Encoding.UTF8.GetBytes(k)), Roles.Ingest)))
            .ToArray();
}

internal static class Roles
{
    public const string Ingest = "ingest";
    public const string Admin = "admin";
}
