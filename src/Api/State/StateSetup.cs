using KtvRec.Api.Hosting;

namespace KtvRec.Api.State;

internal static class StateSetup
{
    /// <summary>The users and rooms in memory, filled at start-up (<see cref="StateFeed"/>, a step of the start-up sequence) and fed from then on.</summary>
    public static IServiceCollection AddState(this IServiceCollection services)
    {
        services.AddValidatedOptions<StateOptions>(StateOptions.Section);
        services.AddSingleton<UserStates>();
        services.AddSingleton<RoomStates>();
        services.AddSingleton<VenueState>();
        services.AddSingleton<StateFeed>();
        return services;
    }
}
