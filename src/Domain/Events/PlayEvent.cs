namespace KtvRec.Domain.Events;

/// <summary>One thing a user did with a song, as reported by the jukebox.</summary>
public sealed class PlayEvent
{
    public long Id { get; init; }

    /// <summary>The client's own id for the event; a repeated one is stored once.</summary>
    public string? ClientEventId { get; init; }
    public required EventType Type { get; init; }
    public required string UserId { get; init; }
    public required string SongId { get; init; }
    public string? SessionId { get; init; }

    /// <summary>When it happened (UTC); server time when the client sent none.</summary>
    public DateTime OccurredAt { get; init; }
    public DateTime ReceivedAt { get; init; }

    /// <summary>How far a skipped song got, 0..1.</summary>
    public double? Progress { get; init; }

    /// <summary>The scoring engine's mark, 0..100.</summary>
    public double? Score { get; init; }

    /// <summary>The recommendation list the song was shown in or picked from, as the list's id.</summary>
    public string? RecommendationId { get; init; }
}
