using KtvRec.Domain.Events;

namespace KtvRec.Api.State;

/// <summary>What the in-memory state keeps of a stored event: who did what with which song, when, in which room, and any score.</summary>
internal readonly record struct Listen(string UserId, string SongId, EventType Type, DateTime At, string? SessionId, double? Score = null)
{
    public static Listen Of(PlayEvent e) => new(e.UserId, e.SongId, e.Type, e.OccurredAt, e.SessionId, e.Score);

    /// <summary>Enjoyed (<see cref="Listening"/>): what a user's history and similar songs are made of.</summary>
    public bool Enjoyed => Listening.IsEnjoyed(Type, Score);

    /// <summary>Started or sung to the end: what a discovery list leaves out and what a room has sung tonight.</summary>
    public bool Played => Listening.IsPlayed(Type);

    /// <summary>The event types the state reads: every one that can be enjoyed or played.</summary>
    public static readonly EventType[] Kept = [EventType.Play, EventType.Complete, EventType.Like, EventType.Favorite, EventType.Score];
}
