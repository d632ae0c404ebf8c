namespace KtvRec.Client.Models;

/// <summary>A room's party starting (<c>POST /sessions</c>); schema <c>StartSessionRequest</c>.</summary>
/// <param name="StartedAt">With its offset; the server's time when null.</param>
public sealed record StartSession(string SessionId, string Room, IReadOnlyList<string> UserIds, DateTimeOffset? StartedAt = null);

/// <summary>A room session; schema <c>SessionResponse</c>.</summary>
/// <param name="Queue">The songs the room has queued, left out of every list for it and its members.</param>
public sealed record Session(
    string Id, string Room, DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<string> UserIds, int SongsStarted, int SongsCompleted, int SongsSkipped,
    IReadOnlyList<string>? Queue = null);
