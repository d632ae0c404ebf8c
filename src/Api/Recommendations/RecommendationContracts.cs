namespace KtvRec.Api.Recommendations;

/// <summary>How a list was made.</summary>
public static class Strategies
{
    /// <summary>Recent popularity across the venue, for a known user.</summary>
    public const string Popularity = "popularity";

    /// <summary>A user the service has never seen: popular songs.</summary>
    public const string ColdStart = "cold_start";
}

/// <param name="Rank">1 for the best.</param>
/// <param name="Score">Higher is better; for popularity, the weighted count of recent events.</param>
public sealed record RecommendedSong(int Rank, string SongId, string Title, string Artist, string Language, double Score);

/// <param name="Strategy">popularity or cold_start (deepfm once a model is trained).</param>
/// <param name="ModelVersion">The model that ranked the list; null for popularity.</param>
public sealed record RecommendationResponse(
    string UserId, string Strategy, string? ModelVersion, DateTime GeneratedAt, IReadOnlyList<RecommendedSong> Items);
