using KtvRec.Api.Hosting;
using KtvRec.Api.Operations;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Api.State;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Recommendations;

public static class RecommendationsApi
{
    public const int DefaultCount = 20;

    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddValidatedOptions<RecommendationOptions>(RecommendationOptions.Section);
        services.AddSingleton<PopularityRanking>();
        services.AddSingleton<RecommendationIds>();
        services.AddSingleton<Recommender>();
        return services;
    }

    public static RouteGroupBuilder MapRecommendations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/recommendations").WithTags("Recommendations").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/{userId}", GetRecommendations)
            .WithSummary("The songs to suggest to a user, best first")
            .WithDescription(
                "Leaves out songs the user completed in the last KtvRec:Recommendations:RecentlySungHours and, with a " +
                "sessionId, songs already sung in that room. With discovery=true, only songs the user has never played " +
                "(regulars re-sing favourites, so the default keeps them). No artist has more than KtvRec:Recommendations:MaxPerArtist " +
                "songs in any KtvRec:Recommendations:ArtistWindow in a row (2 in 10). A user never seen gets a cold_start list, not a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <param name="userId">The singer's id, as the jukebox knows them (the demo's are u00000 to u00299).</param>
    /// <param name="count">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    /// <param name="sessionId">The room session the list is for: its songs tonight are left out, its party size and languages count.</param>
    /// <param name="discovery">Only songs the user has never played.</param>
    private static async Task<Results<Ok<RecommendationResponse>, ProblemHttpResult, ValidationProblem>> GetRecommendations(
        string userId, Recommender recommender, RoomStates rooms, IOptions<RecommendationOptions> options,
        CancellationToken cancellationToken, int count = DefaultCount, string? sessionId = null, bool discovery = false)
    {
        var errors = new ValidationErrors();
        errors.CheckId("userId", userId);
        errors.CheckRange("count", count, 1, options.Value.MaxCount);
        errors.CheckId("sessionId", sessionId, required: false);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var room = sessionId is null ? null : await rooms.FindAsync(sessionId, cancellationToken);
        if (sessionId is not null && room is null) return Problems.NotFound($"Session '{sessionId}' does not exist.");

        var list = await recommender.RecommendAsync(userId, count, room, discovery, cancellationToken);
        ServiceMetrics.Recommendations.WithLabels(list.Strategy).Inc();
        return TypedResults.Ok(list);
    }
}
