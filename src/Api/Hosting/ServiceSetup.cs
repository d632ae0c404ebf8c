using KtvRec.Api.Demo;
using KtvRec.Api.Events;
using KtvRec.Api.Feedback;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;
using KtvRec.Api.State;
using KtvRec.Api.Songs;
using KtvRec.Api.Stats;
using KtvRec.Api.Users;

namespace KtvRec.Api.Hosting;

public static class ServiceSetup
{
    /// <summary>The venue's features: catalog, users, sessions, ingest, recommendations, feedback and the demo venue.</summary>
    public static IServiceCollection AddVenue(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SongCatalog>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<SessionRegistry>();
        services.AddFeedback();
        services.AddEvents();
        services.AddRecommendations();
        services.AddValidatedOptions<DemoOptions>(DemoOptions.Section);
        // After the database migrator: hosted services start in the order they were added.
        services.AddHostedService<DemoVenueLoader>();
        // After the demo venue: what serving keeps in memory is filled from what is stored.
        services.AddState();
        services.AddHostedService(provider => provider.GetRequiredService<PopularityRanking>());
        return services;
    }

    public static WebApplication MapVenue(this WebApplication app)
    {
        app.MapEvents();
        app.MapUsers();
        app.MapSongs();
        app.MapSessions();
        app.MapRecommendations();
        app.MapStats();
        app.MapFeedback();
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        return app;
    }
}
