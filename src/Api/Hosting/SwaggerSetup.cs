using System.Reflection;
using Microsoft.OpenApi;

namespace KtvRec.Api.Hosting;

internal static class SwaggerSetup
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
            options.AddSecurityDefinition(Security.ApiKeyHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = Security.ApiKeyHandler.Header,
                Description = "An ingest key for writes of events, sessions, users and songs; an admin key for everything. " +
                              "Reads need none unless KtvRec:Auth:ProtectReads. Not needed when the service runs open.",
            });
            options.OperationFilter<KeyRequirementFilter>();
            options.OperationFilter<QueryLimitsFilter>();
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
