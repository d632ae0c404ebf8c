using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Events;

/// <summary>
/// The body of POST /events: one event object, or <c>{ "events": [ ... ] }</c>. A batch over the limit is counted, not
/// read: a 16 MiB body of empty objects would otherwise become millions of objects in memory before being refused.
/// </summary>
/// <param name="Count">How many events the body holds (for a batch over the limit, counted up to one past it; <see cref="Events"/> is then empty).</param>
internal sealed record IngestBody(IReadOnlyList<EventRequest> Events, bool IsBatch, int Count)
{
    public static async ValueTask<IngestBody?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
            throw new BadHttpRequestException("Send the events as JSON with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);

        var bodyType = typeof(EventBatchRequest);
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var maxBatchSize = context.RequestServices.GetRequiredService<IOptions<IngestOptions>>().Value.MaxBatchSize;
        try
        {
            // Bounded by the body size limit (413 past it); one pass counts the batch before anything is built from it.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            var counted = CountBatch(body.Span, maxBatchSize + 1);
            if (counted > maxBatchSize) return new IngestBody([], IsBatch: true, counted);

            using var document = JsonDocument.Parse(body);
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
                return new IngestBody(batch, IsBatch: true, batch.Count);
            }
            return new IngestBody([root.Deserialize<EventRequest>(json)!], IsBatch: false, 1);
        }
        catch (JsonException exception)
        {
            throw new BadHttpRequestException(Hosting.JsonErrorDescriber.Describe(exception, bodyType));
        }
    }

    /// <summary>The items of the top-level <c>events</c> array, counted up to <paramref name="stopAt"/>; 0 when there is none.</summary>
    private static int CountBatch(ReadOnlySpan<byte> body, int stopAt)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        var inEvents = false;
        while (reader.Read())
        {
            if (!inEvents)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1
                    && string.Equals(reader.GetString(), "events", StringComparison.OrdinalIgnoreCase)
                    && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                {
                    inEvents = true;
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
                continue;
            }
            if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1) return count;
            if (reader.CurrentDepth != 2) continue;
            if (++count >= stopAt) return count;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return count;
    }

    private static bool HasEvents(JsonElement root) =>
        root.EnumerateObject().Any(property => string.Equals(property.Name, "events", StringComparison.OrdinalIgnoreCase));
}
