namespace KtvRec.Client.Models;

/// <summary>Why a song is on a list; schema <c>RecommendationReason</c>.</summary>
public sealed record RecommendationReason(
    string Kind, string Text, string? SongId = null, string? SongTitle = null, string? Language = null, string? Artist = null,
    string? Context = null, string? MemberId = null);

/// <summary>One song of a list; schema <c>RecommendedSong</c>.</summary>
/// <param name="Members">On a room's list: the members it suits, best suited first.</param>
public sealed record RecommendedSong(
    int Rank, string SongId, string Title, string Artist, string Language, string Genre, int? ReleaseYear, int? DurationSeconds,
    IReadOnlyList<string> Tags, double Score, IReadOnlyList<RecommendationReason> Reasons, IReadOnlyList<string>? Members = null);

/// <summary>A user's list (<c>GET /recommendations/{userId}</c>); schema <c>RecommendationResponse</c>.</summary>
/// <param name="RecommendationId">Echo it on the impression and play events of its songs.</param>
/// <param name="MatchingSongs">With a filter: how many songs of the catalog match it (a shorter list holds all that may be suggested now).</param>
public sealed record RecommendationList(
    string RecommendationId, string UserId, bool KnownUser, string Strategy, string? ModelVersion, DateTime GeneratedAt,
    IReadOnlyList<RecommendedSong> Items, int? MatchingSongs = null);

/// <summary>A room's list (<c>GET /sessions/{id}/recommendations</c>); schema <c>RoomRecommendationResponse</c>.</summary>
public sealed record RoomRecommendationList(
    string RecommendationId, string SessionId, IReadOnlyList<string> Members, string Strategy, string GroupStrategy, string? ModelVersion,
    DateTime GeneratedAt, IReadOnlyList<RecommendedSong> Items, int? MatchingSongs = null);

/// <summary>A song people sing with another; schema <c>SimilarSong</c>.</summary>
public sealed record SimilarSong(int Rank, string SongId, string Title, string Artist, string Language, string Genre, double Similarity);

/// <summary>The songs people sing with one (<c>GET /songs/{id}/similar</c>); schema <c>SimilarSongsResponse</c>.</summary>
public sealed record SimilarSongs(string SongId, string? ModelVersion, IReadOnlyList<SimilarSong> Items);
