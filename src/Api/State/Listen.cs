using KtvRec.Domain.Events;

namespace KtvRec.Api.State;

/// <summary>What the in-memory state keeps of a stored event: who did what with which song, when, and in which room.</summary>
public readonly record struct Listen(string UserId, string SongId, EventType Type, DateTime At, string? SessionId)
{
    /// <summary>Sung to the end, liked or kept: what a user's history and similar songs are made of.</summary>
    public bool Enjoyed => Type is EventType.Complete or EventType.Like or EventType.Favorite;

    /// <summary>Started or sung to the end: what a discovery list leaves out and what a room has sung tonight.</summary>
    public bool Played => Type is EventType.Play or EventType.Complete;

    public static readonly EventType[] Kept = [EventType.Play, EventType.Complete, EventType.Like, EventType.Favorite];
}
