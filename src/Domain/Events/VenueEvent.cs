namespace KtvRec.Domain.Events;

/// <summary>
/// What training reads of a stored event: who, which song, in which room session, when, and what happened; nothing
/// that only ingest needs (the client's id, the arrival time, the list it came from). A retrain holds its whole window
/// of these in one array: a struct of 56 bytes whose ids are shared strings, one per user, song and session
/// (<see cref="Storage.SnapshotReader"/>), where a <see cref="PlayEvent"/> read with strings of its own took ~400.
/// </summary>
public readonly record struct VenueEvent
{
    // NaN for none: a double? field takes 16 bytes of the struct, a double 8 (ten million events: 160 MB).
    private readonly double _progress;
    private readonly double _score;

    public VenueEvent(
        EventType type, string userId, string songId, string? sessionId, DateTime occurredAt, double? progress = null, double? score = null)
    {
        Type = type;
        UserId = userId;
        SongId = songId;
        SessionId = sessionId;
        OccurredAt = occurredAt;
        _progress = progress ?? double.NaN;
        _score = score ?? double.NaN;
    }

    public EventType Type { get; }
    public string UserId { get; }
    public string SongId { get; }
    public string? SessionId { get; }
    public DateTime OccurredAt { get; }
    public double? Progress => double.IsNaN(_progress) ? null : _progress;
    public double? Score => double.IsNaN(_score) ? null : _score;

    public static VenueEvent From(PlayEvent stored) =>
        new(stored.Type, stored.UserId, stored.SongId, stored.SessionId, stored.OccurredAt, stored.Progress, stored.Score);

    /// <summary><see cref="Listening.IsEnjoyed(EventType, double?)"/>.</summary>
    public bool Enjoyed => Listening.IsEnjoyed(Type, Score);
}
