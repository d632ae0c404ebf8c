using KtvRec.Api.Hosting;
using KtvRec.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Feedback;

/// <summary>What was shown and picked: the ids every list carries, and the pick rate read back from them (GET /stats/pick-rates).</summary>
public static class FeedbackSetup
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddValidatedOptions<FeedbackOptions>(FeedbackOptions.Section);
        services.AddSingleton<RecommendationIds>();
        services.AddSingleton<PickRates>();
        return services;
    }

    public static RouteHandlerBuilder MapFeedback(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/stats/pick-rates", GetPickRates)
            .WithTags("Stats")
            .RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("The share of shown songs that were picked, per day, model version and strategy")
            .WithDescription(
                "From the events that echo a list's recommendationId: an impression for each song shown, and the play (or any " +
                "other event) of a song picked from it. Lists of the last KtvRec:Feedback:PickRateDays count, by the day they were issued.");

    private static async Task<Ok<PickRatesResponse>> GetPickRates(PickRates pickRates, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pickRates.GetAsync(cancellationToken));
}
