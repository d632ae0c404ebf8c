namespace KtvRec.Api.Dashboard;

/// <summary>
/// The venue's dashboard: static files under /dashboard/ (wwwroot/dashboard, no build step), served to anyone like
/// Swagger UI is. The data behind it comes from the API, so a protected service shows nothing until a key is entered.
/// </summary>
internal static class DashboardSetup
{
    public const string Path = "/dashboard/";

    /// <summary>
    /// What the dashboard's pages may do in a browser: load only this service's own scripts, styles and data, never be
    /// framed by another site, send no referrer, and be read as the type they say.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path.TrimEnd('/')), dashboard => dashboard.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        }));
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/", () => Results.Redirect(Path)).ExcludeFromDescription();
        return app;
    }
}
