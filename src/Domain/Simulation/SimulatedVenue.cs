namespace KtvRec.Domain.Simulation;

public sealed record SimulatedSong(
    string Id, string Title, string Artist, string Language, string Genre,
    int ReleaseYear, int DurationSeconds, IReadOnlyList<string> Tags);

/// <summary>A user as the venue sees them: profile fields may be missing, as in real sign-ups.</summary>
public sealed record SimulatedUser(
    string Id, int? BirthYear, string? Gender, string? Region, IReadOnlyList<string> PreferredLanguages);

public sealed record SimulatedSession(
    string Id, string Room, DateTime StartedAt, DateTime EndedAt, IReadOnlyList<string> UserIds);

public sealed record SimulatedEvent(
    string EventId, string Type, string UserId, string SongId, string SessionId, DateTime OccurredAt,
    double? Progress = null, double? Score = null);

/// <summary>A whole simulated venue, and the oracle that knows the truth behind it.</summary>
public sealed record SimulatedVenue(
    IReadOnlyList<SimulatedSong> Songs,
    IReadOnlyList<SimulatedUser> Users,
    IReadOnlyList<SimulatedSession> Sessions,
    IReadOnlyList<SimulatedEvent> Events,
    TasteOracle Oracle);
