using KtvRec.Api.Hosting;

namespace KtvRec.Api.Serving;

/// <summary>
/// The model that serves: the holder requests lease it from, the registry of every version (files in the database,
/// activation and rollback), the loop that follows the serving version set by other nodes, and GET /models.
/// </summary>
internal static class ServingSetup
{
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddValidatedOptions<ServingOptions>(ServingOptions.Section);
        services.AddSingleton<ModelHolder>();
        services.AddScoped<ModelRegistry>();
        services.AddSingleton<ModelSync>();
        return services;
    }

    public static IEndpointRouteBuilder MapServing(this IEndpointRouteBuilder routes)
    {
        routes.MapModels();
        return routes;
    }
}
