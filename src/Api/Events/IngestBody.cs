using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Events;

/// <summary>The body of POST /events: one event object, or <c>{ "events": [ ... ] }</c>.</summary>
internal sealed record IngestBody(IReadOnlyList<EventRequest> Events, bool IsBatch)
{
    public static async ValueTask<IngestBody?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the events as JSON with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);

        var bodyType = typeof(EventBatchRequest);
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new BadHttpRequestException("The body must be one event object or { \"events\": [ ... ] }.");

            bodyType = HasEvents(root) ? typeof(EventBatchRequest) : typeof(EventRequest);
            if (bodyType == typeof(EventBatchRequest))
            {
                var batch = root.Deserialize<EventBatchRequest>(json)?.Events
                    ?? throw new BadHttpRequestException("\"events\" must be an array of event objects.");
                for (var i = 0; i < batch.Count; i++)
                {
                    if (batch[i] is null)
                        throw new BadHttpRequestException($"events[{i}] is null; every item must be an event object.");
                }
                return new IngestBody(batch, IsBatch: true);
            }
            return new IngestBody([root.Deserialize<EventRequest>(json)!], IsBatch: false);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException(Hosting.JsonErrorDescriber.Describe(exception, bodyType));
        }
    }

    private static bool HasEvents(JsonElement root) =>
        root.EnumerateObject().Any(property => string.Equals(property.Name, "events", StringComparison.OrdinalIgnoreCase));
}
