using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;

namespace KtvRec.Domain;

/// <summary>Everything a venue had recorded at one moment: what training learns from.</summary>
public sealed record VenueSnapshot(
    IReadOnlyList<User> Users,
    IReadOnlyList<Song> Songs,
    IReadOnlyList<RoomSession> Sessions,
    IReadOnlyList<VenueEvent> Events);
