using KtvRec.Api.Operations;
using KtvRec.Api.Validation;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Events;

/// <summary>The result of storing a batch: the counts, or why the whole batch was refused.</summary>
public sealed record IngestOutcome(IngestResponse? Stored, ValidationErrors? Errors);

/// <summary>
/// Stores events all-or-nothing in one write transaction: checks them, creates unseen users, skips repeated
/// eventIds, and commits before anything is acknowledged. The API and the demo venue both come through here.
/// </summary>
public sealed class EventIngestor(KtvDbContext db, TimeProvider clock)
{
    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<EventRequest> events, bool isBatch, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < events.Count; i++)
            events[i].Validate(errors, Prefix(i, isBatch), clock);
        // Songs and sessions are never deleted, so they can be checked before the write transaction starts.
        await CheckReferencesAsync(events, isBatch, errors, cancellationToken);
        if (!errors.IsEmpty) return new IngestOutcome(null, errors);

        var receivedAt = clock.GetUtcNow().UtcDateTime;
        // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the duplicate check and the insert see the same data.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        await AddUnseenUsersAsync(events, receivedAt, cancellationToken);
        var fresh = await WithoutDuplicatesAsync(events, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await EventInserter.InsertAsync(db, fresh.Select(e => e.ToPlayEvent(receivedAt)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        foreach (var type in fresh.GroupBy(e => e.Type!.Value))
            ServiceMetrics.EventsIngested.WithLabels(type.Key.ToString().ToLowerInvariant()).Inc(type.Count());
        ServiceMetrics.EventDuplicates.Inc(events.Count - fresh.Count);
        return new IngestOutcome(new IngestResponse(fresh.Count, events.Count - fresh.Count), null);
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

    private async Task AddUnseenUsersAsync(IReadOnlyList<EventRequest> events, DateTime now, CancellationToken cancellationToken)
    {
        var userIds = events.Select(e => e.UserId!).Distinct().ToList();
        var known = (await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        db.Users.AddRange(userIds.Where(id => !known.Contains(id)).Select(id => new User { Id = id, CreatedAt = now, UpdatedAt = now }));
    }

    /// <summary>Drops events whose eventId is already stored or repeated earlier in the same batch.</summary>
    private async Task<List<EventRequest>> WithoutDuplicatesAsync(IReadOnlyList<EventRequest> events, CancellationToken cancellationToken)
    {
        var eventIds = events.Where(e => e.EventId is not null).Select(e => e.EventId!).Distinct().ToList();
        var seen = eventIds.Count == 0
            ? []
            : (await db.Events.Where(e => eventIds.Contains(e.ClientEventId!)).Select(e => e.ClientEventId!).ToListAsync(cancellationToken)).ToHashSet();
        return events.Where(e => e.EventId is null || seen.Add(e.EventId)).ToList();
    }

    private static string Prefix(int index, bool isBatch) => isBatch ? $"events[{index}]." : "";
}
