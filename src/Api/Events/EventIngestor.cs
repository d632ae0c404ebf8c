using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Events;

/// <summary>The result of storing a batch: the counts, or why the whole batch was refused.</summary>
public sealed record IngestOutcome(IngestResponse? Stored, ValidationErrors? Errors);

/// <summary>
/// Checks events and hands them to the <see cref="EventWriter"/>, which stores them all-or-nothing, creates unseen
/// users, skips repeated eventIds, and commits before anything is acknowledged. The API and the demo venue both come
/// through here.
/// </summary>
public sealed class EventIngestor(KtvDbContext db, EventWriter writer, TimeProvider clock)
{
    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<EventRequest> events, bool isBatch, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < events.Count; i++)
            events[i].Validate(errors, Prefix(i, isBatch), clock);
        // Songs and sessions are never deleted, so they can be checked before the write transaction starts.
        await CheckReferencesAsync(events, isBatch, errors, cancellationToken);
        if (!errors.IsEmpty) return new IngestOutcome(null, errors);

        return new IngestOutcome(await writer.WriteAsync(db, events), null);
    }

    private async Task CheckReferencesAsync(
        IReadOnlyList<EventRequest> events, bool isBatch, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var songIds = events.Where(e => e.SongId is not null).Select(e => e.SongId!).Distinct().ToList();
        var knownSongs = (await db.Songs.Where(s => songIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var sessionIds = events.Where(e => e.SessionId is not null).Select(e => e.SessionId!).Distinct().ToList();
        var knownSessions = sessionIds.Count == 0
            ? []
            : (await db.Sessions.Where(s => sessionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].SongId is { } songId && !knownSongs.Contains(songId))
                errors.Add($"{Prefix(i, isBatch)}songId", $"Song '{songId}' is not in the catalog; add it with PUT /songs/{{id}} first.");
            if (events[i].SessionId is { } sessionId && !knownSessions.Contains(sessionId))
                errors.Add($"{Prefix(i, isBatch)}sessionId", $"Session '{sessionId}' does not exist; start it with POST /sessions first.");
        }
    }

    private static string Prefix(int index, bool isBatch) => isBatch ? $"events[{index}]." : "";
}
