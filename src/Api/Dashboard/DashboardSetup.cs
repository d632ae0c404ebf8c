namespace KtvRec.Api.Dashboard;

/// <summary>
/// The venue's dashboard: static files under /dashboard/ (wwwroot/dashboard, no build step), served to anyone like
/// Swagger UI is. The data behind it comes from the API, so a protected service shows nothing until a key is entered.
/// </summary>
internal static class DashboardSetup
{
    public const string Path = "/dashboard/";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/", () => Results.Redirect(Path)).ExcludeFromDescription();
        return app;
    }
}
