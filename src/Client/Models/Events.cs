using System.Text.Json.Serialization;

namespace KtvRec.Client.Models;

/// <summary>What happened to a song in a room; schema <c>EventType</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventType>))]
public enum EventType
{
    /// <summary>A song started.</summary>
    [JsonStringEnumMemberName("play")] Play,

    /// <summary>Sung to the end.</summary>
    [JsonStringEnumMemberName("complete")] Complete,

    /// <summary>Skipped; give its <see cref="PlayEvent.Progress"/>.</summary>
    [JsonStringEnumMemberName("skip")] Skip,

    [JsonStringEnumMemberName("like")] Like,
    [JsonStringEnumMemberName("favorite")] Favorite,

    /// <summary>The scoring engine's mark; give its <see cref="PlayEvent.Score"/>.</summary>
    [JsonStringEnumMemberName("score")] Score,

    /// <summary>Shown in a list and not picked; give the list's <see cref="PlayEvent.RecommendationId"/>.</summary>
    [JsonStringEnumMemberName("impression")] Impression,
}

/// <summary>One thing that happened in a room (<c>POST /events</c>); schema <c>EventRequest</c>.</summary>
/// <param name="EventId">The client's own id: the service stores an id once however often it is sent. The outbox gives one when null.</param>
/// <param name="Timestamp">When it happened, with its offset; an outbox gives the moment it was tracked when null, so a late delivery keeps its time.</param>
/// <param name="Progress">For skip: how far the song got, 0..1.</param>
/// <param name="Score">For score: 0..100.</param>
public sealed record PlayEvent(
    EventType Type, string UserId, string SongId, string? SessionId = null, DateTimeOffset? Timestamp = null,
    double? Progress = null, double? Score = null, string? RecommendationId = null, string? EventId = null);

/// <summary>What <c>POST /events</c> stored; schema <c>IngestResponse</c>.</summary>
/// <param name="Duplicates">Events whose id was stored before: not stored again.</param>
public sealed record IngestResult(int Accepted, int Duplicates);
