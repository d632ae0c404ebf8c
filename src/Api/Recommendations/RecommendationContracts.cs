namespace KtvRec.Api.Recommendations;

/// <summary>How a list was made.</summary>
public static class Strategies
{
    /// <summary>Ranked by the serving DeepFM model for this user in this context.</summary>
    public const string DeepFm = "deepfm";

    /// <summary>
    /// A user the serving model has not seen (they joined after the last retrain) but who has sung since: the model's
    /// ranking fused with the songs most similar to theirs.
    /// </summary>
    public const string SimilarSongs = "similar_songs";

    /// <summary>Recent popularity across the venue: no model serves yet.</summary>
    public const string Popularity = "popularity";

    /// <summary>A user the service has never seen: what the room and the model know without them.</summary>
    public const string ColdStart = "cold_start";
}

/// <param name="Rank">1 for the best.</param>
/// <param name="Score">Higher is better: the model's probability that the user sings it to the end, or the fused rank score when the model's order is blended with the similar-songs order (always for similar_songs; for deepfm when the model's retrain measured that the blend ranks better), or for popularity the weighted count of recent events.</param>
public sealed record RecommendedSong(int Rank, string SongId, string Title, string Artist, string Language, double Score);

/// <param name="RecommendationId">This list's id: send it back as <c>recommendationId</c> on the impression and pick events of its songs, so what was shown and picked is attributed to the model and strategy that made it.</param>
/// <param name="KnownUser">False for a user id the service has no profile and no songs of (e.g. a mistyped id): the list is then everyone's.</param>
/// <param name="Strategy">deepfm, similar_songs (a user new to the model who has sung since), popularity (no model serves yet) or cold_start (a user with no profile and no history).</param>
/// <param name="ModelVersion">The model that ranked the list; null when popularity did.</param>
public sealed record RecommendationResponse(
    string RecommendationId, string UserId, bool KnownUser, string Strategy, string? ModelVersion, DateTime GeneratedAt, IReadOnlyList<RecommendedSong> Items);
