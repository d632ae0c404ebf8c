namespace KtvRec.Domain.Sessions;

/// <summary>One booking of a KTV room: who sang together, where and when.</summary>
public sealed class RoomSession
{
    public required string Id { get; init; }
    public required string Room { get; set; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
    public List<RoomSessionMember> Members { get; set; } = [];

    /// <summary>The songs the room has queued, in order: left out of every list for the room and its members.</summary>
    public List<string> Queue { get; set; } = [];

    /// <summary>
    /// Rises with every change of a queue, across sessions, taken under the database's write lock (so in commit order): what
    /// another node's state feed reads queues since.
    /// </summary>
    public long QueueRevision { get; set; }

    public bool IsEnded => EndedAt is not null;
}

public sealed class RoomSessionMember
{
    public required string SessionId { get; init; }
    public required string UserId { get; init; }
}
