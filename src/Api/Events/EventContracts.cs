using System.ComponentModel;
using KtvRec.Api.Feedback;
using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Events;

namespace KtvRec.Api.Events;

/// <summary>One thing that happened in a room.</summary>
/// <param name="EventId">The client's own id; an event whose id was already stored is counted as a duplicate, not stored again.</param>
/// <param name="Type">play, complete, skip, like, favorite, score, or impression (the song was shown in a list and not picked).</param>
/// <param name="UserId">Who sang; a user not seen before is created.</param>
/// <param name="SongId">The catalog id of the song; it must be in the catalog.</param>
/// <param name="SessionId">The room session it happened in, if any; it must exist.</param>
/// <param name="Timestamp">When it happened; server time when absent.</param>
/// <param name="Progress">For skip: how far the song got, 0..1.</param>
/// <param name="Score">For score (required there): the scoring engine's mark, 0..100.</param>
/// <param name="RecommendationId">The recommendationId of the list the song was shown in (impression) or picked from (play): what attributes picks to the model that made the list.</param>
internal sealed record EventRequest(
    [property: DefaultValue("jukebox-7f3a-000123")] string? EventId,
    [property: DefaultValue("complete")] EventType? Type,
    [property: DefaultValue("u00001")] string? UserId,
    [property: DefaultValue("s00042")] string? SongId,
    string? SessionId = null,
    DateTimeOffset? Timestamp = null,
    double? Progress = null,
    double? Score = null,
    string? RecommendationId = null)
{
    public void Validate(ValidationErrors errors, string prefix, TimeProvider clock, RecommendationIds lists)
    {
        if (Type is null) errors.Add($"{prefix}type", "is required: play, complete, skip, like, favorite, score or impression.");
        errors.CheckId($"{prefix}userId", UserId);
        errors.CheckId($"{prefix}songId", SongId);
        errors.CheckId($"{prefix}sessionId", SessionId, required: false);
        errors.CheckId($"{prefix}eventId", EventId, required: false);
        errors.CheckTime($"{prefix}timestamp", Timestamp, clock);

        if (Progress is not null && Type != EventType.Skip)
            errors.Add($"{prefix}progress", "is only for skip events.");
        errors.CheckRange($"{prefix}progress", Progress, 0, 1);

        if (Type == EventType.Score && Score is null)
            errors.Add($"{prefix}score", "is required for score events (0..100).");
        if (Score is not null && Type != EventType.Score)
            errors.Add($"{prefix}score", "is only for score events.");
        errors.CheckRange($"{prefix}score", Score, 0, 100);

        if (RecommendationId is null) return;
        if (RecommendationId.Length > Limits.IdLength || lists.Read(RecommendationId) is not { } list)
            errors.Add($"{prefix}recommendationId", "is not the id of a list this service recommended; send the recommendationId of a GET /recommendations response, or leave it out.");
        else if (list.Refuses(UserId, SessionId, Timestamp?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime, lists.Lifetime) is { } why)
            errors.Add($"{prefix}recommendationId", why);
    }

    public PlayEvent ToPlayEvent(DateTime receivedAt) => new()
    {
        ClientEventId = EventId,
        Type = Type!.Value,
        UserId = UserId!,
        SongId = SongId!,
        SessionId = SessionId,
        OccurredAt = Timestamp?.UtcDateTime ?? receivedAt,
        ReceivedAt = receivedAt,
        Progress = Progress,
        Score = Score,
        RecommendationId = RecommendationId,
    };
}

/// <summary>Up to the configured batch size of events, stored together or not at all.</summary>
internal sealed record EventBatchRequest(IReadOnlyList<EventRequest>? Events);

/// <param name="Accepted">Events stored by this request.</param>
/// <param name="Duplicates">Events whose eventId was already stored (or repeated in the batch); not stored again.</param>
internal sealed record IngestResponse(int Accepted, int Duplicates);
