using KtvRec.Api.Rules;
using KtvRec.Domain.Events;

namespace KtvRec.Api.State;

/// <summary>The users, rooms and rules in memory, so a recommendation reads no database; ingest tells it what it stored.</summary>
internal sealed class VenueState(UserStates users, RoomStates rooms, RuleBook rules)
{
    public UserStates Users { get; } = users;
    public RoomStates Rooms { get; } = rooms;

    /// <summary>The venue's rules about songs (block, promote, pin), as the feed and this node's changes keep them.</summary>
    public RuleBook Rules { get; } = rules;

    /// <summary>Events just committed (on this node, or read from the database by the feed); one seen twice counts once.</summary>
    public void Apply(IEnumerable<PlayEvent> events)
    {
        var listens = events.Where(e => Listen.Kept.Contains(e.Type)).Select(Listen.Of).ToList();
        Users.Apply(listens);
        Rooms.Apply(listens);
    }
}
