using KtvRec.Api.Recommendations;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KtvRec.Api.Hosting;

/// <summary>
/// A lock in Swagger UI only on the operations that need a key as this service is configured: none when it runs open,
/// reads only with KtvRec:Auth:ProtectReads.
/// </summary>
internal sealed class KeyRequirementFilter(IOptions<AuthOptions> auth) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var policies = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy);
        var settings = auth.Value;
        var needsKey = !settings.IsOpen && policies.Any(policy => policy != SecuritySetup.ReadPolicy || settings.ProtectReads);
        if (!needsKey) return;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyHandler.SchemeName, context.Document)] = [],
        });
    }
}

/// <summary>The limits the handlers check for paging and list length, shown on the query parameters that have them.</summary>
internal sealed class QueryLimitsFilter(IOptions<RecommendationOptions> recommendations) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query || parameter.Schema is not OpenApiSchema schema) continue;
            (schema.Minimum, schema.Maximum) = parameter.Name switch
            {
                "limit" => ("1", Paging.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "offset" => ("0", schema.Maximum),
                "count" => ("1", recommendations.Value.MaxCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => (schema.Minimum, schema.Maximum),
            };
        }
    }
}
