using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace KtvRec.Api.Hosting;

internal static class ErrorHandling
{
    /// <summary>Every error leaves as RFC 7807 ProblemDetails, bad input as a 4xx that says what was wrong.</summary>
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        // Binding failures throw, so the handler below can say which parameter or JSON path was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new OffsetRequiredConverter());
        });
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>An exception handler's answer: the status and a ProblemDetails that says what happened.</summary>
    public static async ValueTask<bool> WriteProblemAsync(
        this IProblemDetailsService problemDetails, HttpContext httpContext, Exception exception, int status, string title, string detail)
    {
        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>Turns a request the framework could not bind (bad JSON, a wrong type) into a 4xx ProblemDetails.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails, ILogger<BadRequestExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var detail = badRequest.InnerException is JsonException json
            ? JsonErrorDescriber.Describe(json, BodyType(httpContext))
            : badRequest.Message.Contains("no body was provided", StringComparison.Ordinal)
                ? "This request needs a JSON body; see its schema at /swagger."
                : ParameterErrorDescriber.Describe(badRequest.Message) ?? badRequest.Message;
        LogRejected(logger, httpContext.Request.Path, detail);

        return await problemDetails.WriteProblemAsync(httpContext, exception, badRequest.StatusCode, "The request could not be read.", detail);
    }

    /// <summary>The type the endpoint reads its body as; the handler runs after the endpoint was cleared from the context.</summary>
    private static Type? BodyType(HttpContext httpContext) =>
        httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a bad request to {Path}: {Detail}")]
    private static partial void LogRejected(ILogger logger, string path, string detail);
}
