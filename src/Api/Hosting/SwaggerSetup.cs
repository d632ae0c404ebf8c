using System.Reflection;

namespace KtvRec.Api.Hosting;

public static class SwaggerSetup
{
    /// <summary>OpenAPI at /swagger/v1/swagger.json and Swagger UI at /swagger, with the XML docs as descriptions.</summary>
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new()
            {
                Title = "KtvRecService",
                Version = "v1",
                Description = "Song recommendations for KTV venues: send what happens in the rooms, get each singer's next songs.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, $"{Assembly.GetExecutingAssembly().GetName().Name}.xml");
            options.IncludeXmlComments(xml);
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }
}
