using KtvRec.Api.Hosting;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
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
        services.AddSingleton<RecommendationTraffic>();
        return services;
    }

    public static RouteGroupBuilder MapFeedback(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/stats").WithTags("Stats").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/pick-rates", GetPickRates)
            .WithSummary("The share of shown songs that were picked, per day, model version and strategy")
            .WithDescription(
                "From the events that echo a list's recommendationId: an impression for each song shown, and the play (or any " +
                "other event) of a song picked from it. Lists of the last KtvRec:Feedback:PickRateDays count, by the day they were issued.");
        group.MapGet("/recommendations", GetRecommendationTraffic)
            .WithSummary("Recommendation lists served per day (UTC) and strategy, by every node")
            .WithDescription(
                "Each node counts the lists it serves and adds them to the stored daily counts every KtvRec:Feedback:TrafficFlushSeconds " +
                "and when it stops; the answer includes what this node has not written yet.");

        return group;
    }

    private static async Task<Ok<PickRatesResponse>> GetPickRates(PickRates pickRates, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pickRates.GetAsync(cancellationToken));

    /// <param name="days">Days back, today included: 1 to 366.</param>
    private static async Task<Results<Ok<RecommendationTrafficResponse>, ValidationProblem>> GetRecommendationTraffic(
        RecommendationTraffic traffic, CancellationToken cancellationToken, int days = 30)
    {
        var errors = new ValidationErrors();
        errors.CheckRange("days", days, 1, 366);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await traffic.ReadAsync(days, cancellationToken));
    }
}
