namespace KtvRec.Api.Security;

/// <summary>
/// Admin actions (retrain, activate a version) refuse what a page on another site can make a browser send: a form post
/// (urlencoded, multipart or text/plain, the only bodies a cross-site form can carry without asking) or any request the
/// browser marks as coming from another site (<c>Sec-Fetch-Site: cross-site</c>, or an <c>Origin</c> that is not this
/// host). A jukebox, curl or the dashboard (same origin, JSON or no body) are not affected; with keys, a cross-site
/// form cannot send the key header anyway, and this also covers a service run open.
/// </summary>
internal static class CrossSiteGuard
{
    private static readonly string[] FormTypes = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

    public static WebApplication UseCrossSiteGuard(this WebApplication app)
    {
        app.UseWhen(IsAdminAction, guarded => guarded.Use(async (context, next) =>
        {
            if (Why(context.Request) is { } why)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Cross-site requests may not run admin actions.", Detail = why },
                });
                return;
            }
            await next(context);
        }));
        return app;
    }

    private static bool IsAdminAction(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.StartsWithSegments("/admin") || context.Request.Path.StartsWithSegments("/models"));

    private static string? Why(HttpRequest request)
    {
        if (request.ContentType is { } type && FormTypes.Any(form => type.StartsWith(form, StringComparison.OrdinalIgnoreCase)))
            return $"A {type.Split(';')[0]} body is what a form on any web page can post; send no body or JSON.";
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
            return "The browser says this request comes from another site.";
        var foreign = request.Headers.Origin is { Count: > 0 } origin && Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var from)
            && !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ? from : null;
        return foreign is null ? null : $"The request comes from {foreign.GetLeftPart(UriPartial.Authority)}, not from this service's own pages.";
    }
}
