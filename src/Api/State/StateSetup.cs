using KtvRec.Api.Hosting;

namespace KtvRec.Api.State;

public static class StateSetup
{
    /// <summary>The users and rooms in memory, filled at start-up (after the database is ready) and fed from then on.</summary>
    public static IServiceCollection AddState(this IServiceCollection services)
    {
        services.AddValidatedOptions<StateOptions>(StateOptions.Section);
        services.AddSingleton<UserStates>();
        services.AddSingleton<RoomStates>();
        services.AddSingleton<VenueState>();
        services.AddSingleton<StateFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<StateFeed>());
        return services;
    }
}
