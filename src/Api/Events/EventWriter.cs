using System.Collections.Concurrent;
using KtvRec.Api.Operations;
using KtvRec.Api.State;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Events;

/// <summary>
/// The one writer of events, with group commit: requests queue their checked events, and whichever request holds
/// the writer slot stores everything queued so far in one transaction, so one fsync acknowledges many requests.
/// Each request is still stored whole or not at all, and answered only after the commit that holds it.
/// SQLite takes one writer at a time anyway; queueing here spares the others its busy-retry sleeps.
/// </summary>
internal sealed class EventWriter
{
    /// <summary>A group stops growing past this many events, so one commit never holds a request back for long.</summary>
    private const int MaxGroupEvents = 5000;

    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly SemaphoreSlim _slot = new(1, 1);
    private readonly TimeProvider _clock;
    private readonly KnownIds _knownUsers;
    private readonly VenueState _venue;
    private readonly ILogger<EventWriter> _logger;

    public EventWriter(TimeProvider clock, KnownReferences known, VenueState venue, ILogger<EventWriter> logger)
    {
        _clock = clock;
        _knownUsers = known.Users;
        _venue = venue;
        _logger = logger;
    }

    private sealed record PendingWrite(IReadOnlyList<EventRequest> Events, TaskCompletionSource<IngestResponse> Stored);

    /// <summary>Stores <paramref name="events"/> (already validated) and returns once they are committed.</summary>
    public async Task<IngestResponse> WriteAsync(KtvDbContext db, IReadOnlyList<EventRequest> events)
    {
        var pending = new PendingWrite(events, new TaskCompletionSource<IngestResponse>(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Enqueue(pending);
        // Not cancellable: once queued, a request's events may be written by another request's commit.
        await _slot.WaitAsync();
        try
        {
            // Whoever held the slot before took the queue in order; ours is either stored or still queued.
            while (!pending.Stored.Task.IsCompleted)
                await WriteGroupAsync(db, TakeGroup());
        }
        finally
        {
            _slot.Release();
        }
        return await pending.Stored.Task;
    }

    private List<PendingWrite> TakeGroup()
    {
        var group = new List<PendingWrite>();
        var events = 0;
        while (events < MaxGroupEvents && _queue.TryDequeue(out var next))
        {
            group.Add(next);
            events += next.Events.Count;
        }
        return group;
    }

    private async Task WriteGroupAsync(KtvDbContext db, List<PendingWrite> group)
    {
        try
        {
            var stored = await CommitAsync(db, group);
            for (var i = 0; i < group.Count; i++) group[i].Stored.SetResult(stored[i]);
        }
        catch (Exception) when (group.Count > 1)
        {
            // One request's rows broke the shared commit: store each on its own so only that one fails.
            foreach (var pending in group) await WriteGroupAsync(db, [pending]);
        }
        catch (Exception exception)
        {
            group[0].Stored.SetException(exception);
        }
    }

    private async Task<List<IngestResponse>> CommitAsync(KtvDbContext db, List<PendingWrite> group)
    {
        db.ChangeTracker.Clear();
        var receivedAt = _clock.GetUtcNow().UtcDateTime;
        var all = group.SelectMany(p => p.Events).ToList();
        // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the duplicate check and the insert see the same data.
        await using var transaction = await db.Database.BeginTransactionAsync();
        try
        {
            var newUsers = await AddUnseenUsersAsync(db, all, receivedAt);
            var seen = await StoredEventIdsAsync(db, all);
            var fresh = group.Select(p => p.Events.Where(e => e.EventId is null || seen.Add(e.EventId)).ToList()).ToList();
            await db.SaveChangesAsync();
            var stored = fresh.SelectMany(f => f).Select(e => e.ToPlayEvent(receivedAt)).ToList();
            await EventInserter.InsertAsync(db, stored, CancellationToken.None);
            await transaction.CommitAsync();
            // Committed: nothing after this may fail the write, or the one-by-one retry would store the events that
            // carry no eventId a second time.
            Remember(newUsers, stored, fresh.SelectMany(f => f), all.Count - fresh.Sum(f => f.Count));
            return group.Select((p, i) => new IngestResponse(fresh[i].Count, p.Events.Count - fresh[i].Count)).ToList();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Before the requests are answered: a song acknowledged as sung is left out of the very next list. If the
    /// in-memory update fails, the write still stands; the state feed brings the events from the database.
    /// </summary>
    private void Remember(List<User> newUsers, List<Domain.Events.PlayEvent> stored, IEnumerable<EventRequest> fresh, int duplicates)
    {
        try
        {
            _knownUsers.AddRange(newUsers.Select(u => u.Id));
            _venue.Users.SetProfiles(newUsers);
            _venue.Apply(stored);
            foreach (var type in fresh.GroupBy(e => e.Type!.Value))
                ServiceMetrics.EventsIngested.WithLabels(type.Key.ToString().ToLowerInvariant()).Inc(type.Count());
            ServiceMetrics.EventDuplicates.Inc(duplicates);
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "{Count} stored events could not be applied to this node's memory; the state feed will bring them", stored.Count);
        }
    }

    /// <summary>Adds the users the database does not have yet and returns them (known once committed).</summary>
    private async Task<List<User>> AddUnseenUsersAsync(KtvDbContext db, List<EventRequest> events, DateTime now)
    {
        var userIds = events.Select(e => e.UserId!).Where(id => !_knownUsers.Contains(id)).Distinct().ToList();
        if (userIds.Count == 0) return [];
        var stored = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync();
        _knownUsers.AddRange(stored);
        var unseen = userIds.Except(stored).Select(id => new User { Id = id, CreatedAt = now, UpdatedAt = now }).ToList();
        db.Users.AddRange(unseen);
        return unseen;
    }

    /// <summary>The eventIds already stored; events repeating one of them, or one earlier in the group, are duplicates.</summary>
    private static async Task<HashSet<string>> StoredEventIdsAsync(KtvDbContext db, List<EventRequest> events)
    {
        var eventIds = events.Where(e => e.EventId is not null).Select(e => e.EventId!).Distinct().ToList();
        return eventIds.Count == 0
            ? []
            : (await db.Events.Where(e => eventIds.Contains(e.ClientEventId!)).Select(e => e.ClientEventId!).ToListAsync()).ToHashSet();
    }
}
