using KtvRec.Api.Feedback;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Events;

/// <summary>The result of storing a batch: the counts, or why the whole batch was refused.</summary>
internal sealed record IngestOutcome(IngestResponse? Stored, ValidationErrors? Errors);

/// <summary>
/// Checks events and hands them to the <see cref="EventWriter"/>, which stores them all-or-nothing, creates unseen
/// users, skips repeated eventIds, and commits before anything is acknowledged. The API and the demo venue both come
/// through here.
/// </summary>
internal sealed partial class EventIngestor(
    KtvDbContext db, EventWriter writer, KnownReferences known, RecommendationIds lists, TimeProvider clock, ILogger<EventIngestor> logger)
{
    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<EventRequest> events, bool isBatch, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < events.Count; i++)
            events[i].Validate(errors, Prefix(i, isBatch), clock, lists);
        // Songs and sessions are never deleted, so they can be checked before the write transaction starts, and an id
        // confirmed once needs no query again.
        await CheckReferencesAsync(events, isBatch, errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            var problems = errors.ToDictionary();
            var (field, messages) = problems.First();
            LogRefused(logger, events.Count, problems.Count, field, messages[0]);
            return new IngestOutcome(null, errors);
        }

        return new IngestOutcome(await writer.WriteAsync(db, events), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Count} event(s): {BadFields} bad field(s), first {Field}: {Message}")]
    private static partial void LogRefused(ILogger logger, int count, int badFields, string field, string message);

    private async Task CheckReferencesAsync(
        IReadOnlyList<EventRequest> events, bool isBatch, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var songs = await ConfirmAsync(events.Select(e => e.SongId), known.Songs,
            ids => db.Songs.Where(s => ids.Contains(s.Id)).Select(s => s.Id), cancellationToken);
        // One read says which sessions exist and which have ended: an ended session takes the events that happened while
        // it was open (a jukebox may deliver them late), never ones after its end, which belong to the room's next session.
        // Ending may happen on any node at any time, so sessions are read every time rather than remembered.
        var sessions = await SessionsAsync(events.Select(e => e.SessionId), cancellationToken);
        // A list's id names the model version that made it: one the registry never had is not a list this service showed.
        var listVersions = events.Select(e => e.RecommendationId is { } id ? lists.Read(id)?.ModelVersion : null).ToList();
        var versions = await ConfirmAsync(listVersions, known.ModelVersions,
            ids => db.ModelVersions.Where(v => ids.Contains(v.Version)).Select(v => v.Version), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].SongId is { } songId && !songs.Contains(songId))
                errors.Add($"{Prefix(i, isBatch)}songId", $"Song '{songId}' is not in the catalog; add it with PUT /songs/{{id}} first.");
            if (listVersions[i] is { } version && !versions.Contains(version))
                errors.Add($"{Prefix(i, isBatch)}recommendationId", $"names model version '{version}', which the registry does not have.");
            if (events[i].SessionId is not { } sessionId) continue;
            if (!sessions.TryGetValue(sessionId, out var endedAt))
                errors.Add($"{Prefix(i, isBatch)}sessionId", $"Session '{sessionId}' does not exist; start it with POST /sessions first.");
            else if (endedAt is { } ended && (events[i].Timestamp?.UtcDateTime ?? now) > ended)
                errors.Add($"{Prefix(i, isBatch)}sessionId", $"Session '{sessionId}' ended at {ended:O}, before this event; send it with the room's next session.");
        }
    }

    /// <summary>The sessions among these ids that exist, each with when it ended (null while open).</summary>
    private async Task<Dictionary<string, DateTime?>> SessionsAsync(IEnumerable<string?> sessionIds, CancellationToken cancellationToken)
    {
        var ids = sessionIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return [];
        var found = await db.Sessions.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.EndedAt }).ToListAsync(cancellationToken);
        return found.ToDictionary(s => s.Id, s => s.EndedAt, StringComparer.Ordinal);
    }

    /// <summary>The given ids that exist: those already known, and those the database finds (remembered from now on).</summary>
    private static async Task<HashSet<string>> ConfirmAsync(
        IEnumerable<string?> ids, KnownIds known, Func<List<string>, IQueryable<string>> find, CancellationToken cancellationToken)
    {
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var id in ids.OfType<string>().Distinct())
        {
            if (known.Contains(id)) confirmed.Add(id);
            else unknown.Add(id);
        }
        if (unknown.Count == 0) return confirmed;

        var found = await find(unknown).ToListAsync(cancellationToken);
        known.AddRange(found);
        confirmed.UnionWith(found);
        return confirmed;
    }

    private static string Prefix(int index, bool isBatch) => isBatch ? $"events[{index}]." : "";
}
