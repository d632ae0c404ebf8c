using KtvRec.Api.Hosting;

namespace KtvRec.Api.Demo;

internal static class DemoSetup
{
    /// <summary>The simulated venue an empty database is filled with at start-up when <c>KtvRec:Demo:Enabled</c> (Development).</summary>
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddValidatedOptions<DemoOptions>(DemoOptions.Section);
        services.AddSingleton<DemoVenueLoader>();
        return services;
    }
}
