namespace KtvRec.Domain.Sessions;

/// <summary>One booking of a KTV room: who sang together, where and when.</summary>
public sealed class RoomSession
{
    public required string Id { get; init; }
    public required string Room { get; set; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
    public List<RoomSessionMember> Members { get; set; } = [];

    public bool IsEnded => EndedAt is not null;
}

public sealed class RoomSessionMember
{
    public required string SessionId { get; init; }
    public required string UserId { get; init; }
}
