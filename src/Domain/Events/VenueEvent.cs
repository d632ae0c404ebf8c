namespace KtvRec.Domain.Events;

/// <summary>
/// What training reads of a stored event: who, which song, in which room session, when, and what happened; nothing
/// that only ingest needs (the client's id, the arrival time, the list it came from). A retrain holds its whole window
/// of these in one array: a struct of 72 bytes whose ids are shared strings, one per user, song and session
/// (<see cref="Storage.SnapshotReader"/>), where a <see cref="PlayEvent"/> read with strings of its own took ~400.
/// </summary>
public readonly record struct VenueEvent(
    EventType Type, string UserId, string SongId, string? SessionId, DateTime OccurredAt, double? Progress = null, double? Score = null)
{
    public static VenueEvent From(PlayEvent stored) =>
        new(stored.Type, stored.UserId, stored.SongId, stored.SessionId, stored.OccurredAt, stored.Progress, stored.Score);

    /// <summary><see cref="Listening.IsEnjoyed(EventType, double?)"/>.</summary>
    public bool Enjoyed => Listening.IsEnjoyed(Type, Score);
}
