using KtvRec.Api.Hosting;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Recommendations;

internal static class RecommendationsApi
{
    public const int DefaultCount = 20;

    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddValidatedOptions<RecommendationOptions>(RecommendationOptions.Section);
        services.AddSingleton<PopularityRanking>();
        services.AddSingleton<Recommender>();
        services.AddSingleton<RoomRecommender>();
        services.AddSingleton<RoomCandidateCache>();
        services.AddScoped<SimilarSongs>();
        services.AddSingleton<ListServices>();
        services.AddSingleton<DuetFinder>();
        return services;
    }

    public static RouteGroupBuilder MapRecommendations(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Recommendations").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/recommendations/{userId}", GetRecommendations)
            .WithSummary("The songs to suggest to a user, best first")
            .WithDescription(
                "Leaves out songs the user completed in the last KtvRec:Recommendations:RecentlySungHours and, with a " +
                "sessionId, songs already sung in that room. With discovery=true, only songs the user has never played " +
                "(regulars re-sing favourites, so the default keeps them). No artist has more than KtvRec:Recommendations:MaxPerArtist " +
                "songs in any KtvRec:Recommendations:ArtistWindow in a row (2 in 10). Every song says why it is there (reasons). " +
                "A user never seen gets a cold_start list, not a 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/recommendations/{userId}", PostRecommendations)
            .WithSummary("A user's list, leaving out a long list of songs (the room's queue) sent in the body")
            .WithDescription("The same list as GET /recommendations/{userId}, for exclusions too many for a URL.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/sessions/{sessionId}/recommendations", GetRoomRecommendations)
            .WithSummary("One list for everyone in a room session, best first")
            .WithDescription(
                "Every member scored by the serving model in the room's context (party size, hour), combined by the average " +
                "without misery: a song in any member's bottom KtvRec:Recommendations:GroupMisery of candidates comes last, the " +
                "rest go by the members' average probability, and every member is suited by one of the first two songs per member. Each item lists the members " +
                "it suits and why it is there. Songs the room sang tonight, and songs a member completed in the last " +
                "KtvRec:Recommendations:RecentlySungHours, are left out. An ended session still gets its list (e.g. for the next " +
                "booking of the same group). Unknown session: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sessions/{sessionId}/recommendations", PostRoomRecommendations)
            .WithSummary("A room's list, leaving out a long list of songs (its queue) sent in the body")
            .WithDescription("The same list as GET /sessions/{sessionId}/recommendations, for exclusions too many for a URL.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDuets();

        group.MapGet("/songs/{songId}/similar", GetSimilarSongs)
            .WithSummary("The songs people sing with this one, most similar first")
            .WithDescription(
                "The serving model's item-to-item neighbours (what puts 'because you sang X' songs on a list). Empty while " +
                "no model serves, or for a song no one sang in the model's training window. Unknown song: 404.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    /// <param name="sessionId" example="room07-tonight">The room session's id, as the jukebox started it.</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    private static Task<Results<Ok<RoomRecommendationResponse>, ProblemHttpResult, ValidationProblem>> GetRoomRecommendations(
        string sessionId, [AsParameters] ListFilterQuery filter, RoomRecommender recommender, ListServices services,
        CancellationToken cancellationToken, int count = DefaultCount) =>
        RoomListAsync(sessionId, count, filter, null, recommender, services, cancellationToken);

    /// <param name="sessionId" example="room07-tonight">The room session's id, as the jukebox started it.</param>
    /// <param name="body">The songs to leave out.</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    private static Task<Results<Ok<RoomRecommendationResponse>, ProblemHttpResult, ValidationProblem>> PostRoomRecommendations(
        string sessionId, ExclusionRequest body, [AsParameters] ListFilterQuery filter, RoomRecommender recommender, ListServices services,
        CancellationToken cancellationToken, int count = DefaultCount) =>
        RoomListAsync(sessionId, count, filter, body.Exclude, recommender, services, cancellationToken);

    private static async Task<Results<Ok<RoomRecommendationResponse>, ProblemHttpResult, ValidationProblem>> RoomListAsync(
        string sessionId, int count, ListFilterQuery query, IReadOnlyList<string>? bodyExclude, RoomRecommender recommender, ListServices services,
        CancellationToken cancellationToken)
    {
        var errors = IdAndCount("sessionId", sessionId, count, services.Options.Value);
        var filter = await services.ReadFilterAsync(errors, query, bodyExclude, cancellationToken);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await services.Rooms.FindAsync(sessionId, cancellationToken) is not { } room) return Problems.NotFound($"Session '{sessionId}' does not exist.");
        var list = await recommender.RecommendAsync(room, count, filter, cancellationToken);
        services.Traffic.Served(list.Strategy);
        return TypedResults.Ok(list);
    }

    /// <param name="songId" example="s00042">The catalog's song id (the demo's are s00000 to s02999).</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    private static async Task<Results<Ok<SimilarSongsResponse>, ProblemHttpResult, ValidationProblem>> GetSimilarSongs(
        string songId, [AsParameters] ListFilterQuery query, SimilarSongs similar, ListServices services, CancellationToken cancellationToken,
        int count = DefaultCount)
    {
        var errors = IdAndCount("songId", songId, count, services.Options.Value);
        var filter = await services.ReadFilterAsync(errors, query, null, cancellationToken);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var list = await similar.FindAsync(songId, count, filter, cancellationToken);
        return list is null ? Problems.NotFound($"Song '{songId}' is not in the catalog.") : TypedResults.Ok(list);
    }

    /// <param name="userId" example="u00007">The singer's id, as the jukebox knows them (the demo's are u00000 to u00299).</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    /// <param name="sessionId" example="room07-tonight">The room session the list is for: its songs tonight are left out, its party size and languages count.</param>
    /// <param name="discovery" example="false">Only songs the user has never played.</param>
    private static Task<Results<Ok<RecommendationResponse>, ProblemHttpResult, ValidationProblem>> GetRecommendations(
        string userId, [AsParameters] ListFilterQuery filter, Recommender recommender, ListServices services, CancellationToken cancellationToken,
        int count = DefaultCount, string? sessionId = null, bool discovery = false) =>
        UserListAsync(userId, new ListQuery(count, sessionId, discovery, filter, null), recommender, services, cancellationToken);

    /// <param name="userId" example="u00007">The singer's id, as the jukebox knows them (the demo's are u00000 to u00299).</param>
    /// <param name="body">The songs to leave out.</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    /// <param name="sessionId" example="room07-tonight">The room session the list is for: its songs tonight are left out, its party size and languages count.</param>
    /// <param name="discovery" example="false">Only songs the user has never played.</param>
    private static Task<Results<Ok<RecommendationResponse>, ProblemHttpResult, ValidationProblem>> PostRecommendations(
        string userId, ExclusionRequest body, [AsParameters] ListFilterQuery filter, Recommender recommender, ListServices services,
        CancellationToken cancellationToken, int count = DefaultCount, string? sessionId = null, bool discovery = false) =>
        UserListAsync(userId, new ListQuery(count, sessionId, discovery, filter, body.Exclude), recommender, services, cancellationToken);

    private sealed record ListQuery(int Count, string? SessionId, bool Discovery, ListFilterQuery Filter, IReadOnlyList<string>? BodyExclude);

    private static async Task<Results<Ok<RecommendationResponse>, ProblemHttpResult, ValidationProblem>> UserListAsync(
        string userId, ListQuery query, Recommender recommender, ListServices services, CancellationToken cancellationToken)
    {
        var errors = IdAndCount("userId", userId, query.Count, services.Options.Value);
        errors.CheckId("sessionId", query.SessionId, required: false);
        var filter = await services.ReadFilterAsync(errors, query.Filter, query.BodyExclude, cancellationToken);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var room = query.SessionId is null ? null : await services.Rooms.FindAsync(query.SessionId, cancellationToken);
        if (query.SessionId is not null && room is null) return Problems.NotFound($"Session '{query.SessionId}' does not exist.");

        var list = await recommender.RecommendAsync(userId, query.Count, room, query.Discovery, filter, cancellationToken);
        services.Traffic.Served(list.Strategy);
        return TypedResults.Ok(list);
    }

    /// <summary>The checks every list endpoint makes: the id in the path, and a count the options allow.</summary>
    private static ValidationErrors IdAndCount(string field, string id, int count, RecommendationOptions options)
    {
        var errors = new ValidationErrors();
        errors.CheckId(field, id);
        errors.CheckRange("count", count, 1, options.MaxCount);
        return errors;
    }
}
