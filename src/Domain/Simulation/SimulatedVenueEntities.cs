using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;

namespace KtvRec.Domain.Simulation;

public static class SimulatedVenueEntities
{
    /// <summary>The simulated venue as the entities the service would have stored, for training without a database.</summary>
    public static VenueSnapshot ToSnapshot(this SimulatedVenue venue)
    {
        var users = venue.Users.Select(u => new User
        {
            Id = u.Id, BirthYear = u.BirthYear, Gender = u.Gender, Region = u.Region,
            PreferredLanguages = u.PreferredLanguages.ToList(),
        }).ToList();
        var songs = venue.Songs.Select(s => new Song
        {
            Id = s.Id, Title = s.Title, Artist = s.Artist, Language = s.Language, Genre = s.Genre,
            ReleaseYear = s.ReleaseYear, DurationSeconds = s.DurationSeconds, Tags = s.Tags.ToList(),
        }).ToList();
        var sessions = venue.Sessions.Select(s => new RoomSession
        {
            Id = s.Id, Room = s.Room, StartedAt = s.StartedAt, EndedAt = s.EndedAt,
            Members = s.UserIds.Select(u => new RoomSessionMember { SessionId = s.Id, UserId = u }).ToList(),
        }).ToList();
        var events = venue.Events.Select(e => new VenueEvent(
            Enum.Parse<EventType>(e.Type, ignoreCase: true), e.UserId, e.SongId, e.SessionId, e.OccurredAt, e.Progress, e.Score)).ToList();
        return new VenueSnapshot(users, songs, sessions, events);
    }
}
