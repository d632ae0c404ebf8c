using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Recommendations;

/// <summary>GET /sessions/{sessionId}/duets: a list of the lists' group, for two members of a room.</summary>
internal static class DuetsApi
{
    private const string Description =
        "Each member's own list is made from the catalog's duet songs in the room's context (what the room sang or queued " +
        "left out); the songs on both rank by the less keen member's score. members may be left out for a room of two. " +
        "Takes the lists' other filters (language, genre, decade, artist, exclude). Unknown session: 404.";

    public static RouteHandlerBuilder MapDuets(this RouteGroupBuilder lists) =>
        lists.MapGet("/sessions/{sessionId}/duets", GetDuets)
            .WithSummary("Duets for two members of a room: songs tagged duet that suit both, each with why it suits each member")
            .WithDescription(Description)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <param name="sessionId" example="room07-tonight">The room session's id.</param>
    /// <param name="members" example="u00042,u00043">The two members who sing together, separated by a comma (or the parameter repeated).</param>
    /// <param name="count" example="10">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    private static async Task<Results<Ok<DuetResponse>, ProblemHttpResult, ValidationProblem>> GetDuets(
        string sessionId, [AsParameters] ListFilterQuery query, DuetFinder duets, ListServices services, CancellationToken cancellationToken,
        string[]? members = null, int count = RecommendationsApi.DefaultCount)
    {
        var errors = new ValidationErrors();
        errors.CheckId("sessionId", sessionId);
        errors.CheckRange("count", count, 1, services.Options.Value.MaxCount);
        var filter = await services.ReadFilterAsync(errors, query, null, cancellationToken);
        var pair = (members ?? []).SelectMany(m => (m ?? "").Split(',', StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await services.Rooms.FindAsync(sessionId, cancellationToken) is not { } room) return Problems.NotFound($"Session '{sessionId}' does not exist.");
        if (pair.Count == 0 && room.Members.Count == 2) pair = [.. room.Members];
        if (pair.Count != 2) errors.Add("members", $"must name two members of the room (it has {string.Join(", ", room.Members)}).");
        foreach (var member in pair.Where(m => !room.Members.Contains(m)))
            errors.Add("members", $"'{member}' is not in session '{sessionId}'.");
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var list = await duets.FindAsync(room, pair[0], pair[1], count, filter, cancellationToken);
        services.Traffic.Served(list.Strategy);
        return TypedResults.Ok(list);
    }
}
