using System.ComponentModel;
using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Sessions;

namespace KtvRec.Api.Sessions;

/// <summary>A party starts singing in a room.</summary>
/// <param name="SessionId">The client's id for the session; one is made up when absent. Starting an open session's id again returns it (a safe retry); an ended session's id is a 409.</param>
/// <param name="Room">The room's name or number.</param>
/// <param name="UserIds">Who is in the room (1 to 50); users not seen before are created.</param>
/// <param name="StartedAt">When the session started; server time when absent.</param>
internal sealed record StartSessionRequest(
    string? SessionId,
    [property: DefaultValue("room-07")] string? Room,
    IReadOnlyList<string>? UserIds,
    DateTimeOffset? StartedAt = null)
{
    public const int MaxPartySize = 50;

    public void Validate(ValidationErrors errors, TimeProvider clock)
    {
        errors.CheckId("sessionId", SessionId, required: false);
        errors.CheckText("room", Room, Limits.ShortTextLength, required: true);
        if (UserIds is null || UserIds.Count is 0 or > MaxPartySize)
            errors.Add("userIds", $"must name 1 to {MaxPartySize} users in the room (got {UserIds?.Count ?? 0}).");
        else
            for (var i = 0; i < UserIds.Count; i++) errors.CheckId($"userIds[{i}]", UserIds[i]);
        errors.CheckTime("startedAt", StartedAt, clock);
    }
}

/// <param name="EndedAt">When the party left; server time when absent.</param>
internal sealed record EndSessionRequest(DateTimeOffset? EndedAt = null);

/// <param name="SongsStarted">Songs started in the session (<c>play</c> events: a song started twice counts twice).</param>
/// <param name="SongsCompleted">Songs sung to the end (<c>complete</c> events).</param>
/// <param name="SongsSkipped">Songs skipped before the end (<c>skip</c> events).</param>
/// <param name="Queue">The songs the room has queued (<c>PUT /sessions/{id}/queue</c>), in order: on no list for the room or its members.</param>
internal sealed record SessionResponse(
    string Id, string Room, DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<string> UserIds,
    int SongsStarted, int SongsCompleted, int SongsSkipped, IReadOnlyList<string> Queue)
{
    public static SessionResponse From(RoomSession session, SessionActivity activity) => new(
        session.Id, session.Room, session.StartedAt, session.EndedAt,
        session.Members.Select(m => m.UserId).Order().ToList(), activity.Started, activity.Completed, activity.Skipped, session.Queue);
}

/// <summary>The room's queue as the jukebox shows it, replacing the one before.</summary>
/// <param name="SongIds">The queued songs in order (at most <see cref="Max"/>); empty clears the queue.</param>
internal sealed record QueueRequest([property: DefaultValue(new[] { "s00042", "s00107", "s00311" })] IReadOnlyList<string>? SongIds)
{
    public const int Max = 200;

    public void Validate(ValidationErrors errors)
    {
        if (SongIds is null)
        {
            errors.Add("songIds", "is required (an empty list clears the queue).");
            return;
        }
        if (SongIds.Count > Max) errors.Add("songIds", $"must hold at most {Max} songs (got {SongIds.Count}).");
        for (var i = 0; i < Math.Min(SongIds.Count, Max); i++) errors.CheckId($"songIds[{i}]", SongIds[i]);
    }
}

/// <summary>How many songs were started, completed and skipped in a session.</summary>
internal sealed record SessionActivity(int Started, int Completed, int Skipped)
{
    public static SessionActivity None { get; } = new(0, 0, 0);
}
