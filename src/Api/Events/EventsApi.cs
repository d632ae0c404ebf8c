using KtvRec.Api.Hosting;
using KtvRec.Api.Operations;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Events;

internal static class EventsApi
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngestOptions>(IngestOptions.Section);
        services.AddScoped<EventIngestor>();
        services.AddSingleton<EventWriter>();
        services.AddSingleton<KnownReferences>();
        return services;
    }

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/events").WithTags("Events").RequireAuthorization(SecuritySetup.IngestPolicy);

        group.MapPost("/", PostEvents)
            .Accepts<EventBatchRequest>("application/json")
            .WithSummary("Record what happened in a room")
            .WithDescription(
                "Takes one event object, or a batch { \"events\": [ ... ] } of up to KtvRec:Ingest:MaxBatchSize (1,000). " +
                "A batch is stored whole or refused whole, with each bad item named by index. An eventId already stored " +
                "is counted as a duplicate and not stored again. Unknown users are created; unknown songs are an error.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return group;
    }

    private static async Task<Results<Ok<IngestResponse>, ValidationProblem>> PostEvents(
        IngestBody body, EventIngestor ingestor, IOptions<IngestOptions> options, CancellationToken cancellationToken)
    {
        var maxBatchSize = options.Value.MaxBatchSize;
        if (body.Count == 0 || body.Count > maxBatchSize)
        {
            var errors = new ValidationErrors();
            errors.Add("events", body.Count > maxBatchSize
                ? $"must hold between 1 and {maxBatchSize} events (got more)."
                : $"must hold between 1 and {maxBatchSize} events (got 0).");
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var outcome = await ingestor.IngestAsync(body.Events, body.IsBatch, cancellationToken);
        if (outcome.Errors is not { } refused) return TypedResults.Ok(outcome.Stored!);

        ServiceMetrics.RejectedRequests.Inc();
        return TypedResults.ValidationProblem(refused.ToDictionary(), title: "The events were not stored.");
    }
}
