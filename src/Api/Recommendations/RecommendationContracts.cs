namespace KtvRec.Api.Recommendations;

/// <summary>How a list was made.</summary>
internal static class Strategies
{
    /// <summary>Ranked by the serving DeepFM model for this user in this context (their songs since the last retrain count at once).</summary>
    public const string DeepFm = "deepfm";

    /// <summary>Recent popularity across the venue: no model serves yet.</summary>
    public const string Popularity = "popularity";

    /// <summary>A user the service has never seen: what the room and the model know without them.</summary>
    public const string ColdStart = "cold_start";

    /// <summary>A room's list: every member ranked by the serving model in the room's context, combined (<see cref="GroupStrategies"/>).</summary>
    public const string Group = "group";

    /// <summary>Duets for two members of a room: each member ranked by the serving model, the songs both like most first (<see cref="DuetFinder"/>).</summary>
    public const string Duet = "duet";

    /// <summary>Every strategy a list may carry: a recommendationId naming another was not issued by this service.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>([DeepFm, Popularity, ColdStart, Group, Duet], StringComparer.Ordinal);
}

/// <param name="Rank">1 for the best.</param>
/// <param name="Score">Higher is better: the model's probability that the user picks and enjoys it (the list's order); for popularity, how many people enjoyed it in the popularity window. On a room's list: the members' average (see the room endpoint).</param>
/// <param name="DurationSeconds">The song's length, when the catalog has it.</param>
/// <param name="Tags">The catalog's tags for the song.</param>
/// <param name="Reasons">Why the song is here, the strongest first: never empty.</param>
/// <param name="Members">On a room's list: the members the song suits, best suited first; null on a user's list.</param>
internal sealed record RecommendedSong(
    int Rank, string SongId, string Title, string Artist, string Language, string Genre, int? ReleaseYear, int? DurationSeconds,
    IReadOnlyList<string> Tags, double Score, IReadOnlyList<RecommendationReason> Reasons, IReadOnlyList<string>? Members = null)
{
    public static RecommendedSong Of(int rank, RankedSong song, double score, IReadOnlyList<RecommendationReason> reasons, IReadOnlyList<string>? members = null) =>
        new(rank, song.Song.Id, song.Song.Title, song.Song.Artist, song.Song.Language, song.Song.Genre, song.Song.ReleaseYear,
            song.Song.DurationSeconds, song.Song.Tags, score, reasons, members);
}

/// <param name="RecommendationId">This list's id: send it back as <c>recommendationId</c> on the impression and pick events of its songs, so what was shown and picked is attributed to the model and strategy that made it.</param>
/// <param name="KnownUser">False for a user id the service has no profile and no songs of (e.g. a mistyped id): the list is then everyone's.</param>
/// <param name="Strategy">deepfm (the serving model), popularity (no model serves yet) or cold_start (a user with no profile and no history).</param>
/// <param name="ModelVersion">The model that ranked the list; null when popularity did.</param>
/// <param name="MatchingSongs">With a filter (language, genre, decade, tag, artist): how many songs of the catalog match it. A list shorter than asked for holds every matching song that may be suggested now. Null without a filter.</param>
internal sealed record RecommendationResponse(
    string RecommendationId, string UserId, bool KnownUser, string Strategy, string? ModelVersion, DateTime GeneratedAt, IReadOnlyList<RecommendedSong> Items,
    int? MatchingSongs = null);

/// <param name="RecommendationId">As on a user's list: echo it on the impression and pick events of its songs.</param>
/// <param name="Members">The room's members the list is for.</param>
/// <param name="Strategy">group (the serving model, every member) or popularity (no model serves yet, or the room has no members).</param>
/// <param name="GroupStrategy">How the members' scores were combined: average_without_misery.</param>
/// <param name="Items">Each with the members it suits (best suited first) and its reasons.</param>
/// <param name="MatchingSongs">As on a user's list: with a filter, how many songs of the catalog match it; null without one.</param>
internal sealed record RoomRecommendationResponse(
    string RecommendationId, string SessionId, IReadOnlyList<string> Members, string Strategy, string GroupStrategy, string? ModelVersion,
    DateTime GeneratedAt, IReadOnlyList<RecommendedSong> Items, int? MatchingSongs = null);
