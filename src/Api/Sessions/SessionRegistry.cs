using KtvRec.Api.Validation;
using KtvRec.Api.State;
using KtvRec.Domain.Events;
using KtvRec.Domain.Sessions;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Sessions;

/// <summary>Starts and ends room sessions; the API and the demo venue share it.</summary>
internal sealed class SessionRegistry(KtvDbContext db, VenueState venue, TimeProvider clock)
{
    public sealed record Started(RoomSession Session, bool Created);

    /// <summary>Starts a validated session; an id that already exists is returned as it is, so retries are safe.</summary>
    public async Task<Started> StartAsync(StartSessionRequest request, CancellationToken cancellationToken)
    {
        // IMMEDIATE: a concurrent start of the same session or first event of a member cannot slip in between.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (request.SessionId is { } id && await FindAsync(id, cancellationToken) is { } existing)
            return new Started(existing, Created: false);

        var now = clock.GetUtcNow().UtcDateTime;
        var userIds = request.UserIds!.Distinct().ToList();
        var known = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        var unseen = userIds.Except(known).Select(userId => new User { Id = userId, CreatedAt = now, UpdatedAt = now }).ToList();
        db.Users.AddRange(unseen);

        var sessionId = request.SessionId ?? $"ses-{Guid.CreateVersion7():N}";
        var session = new RoomSession
        {
            Id = sessionId,
            Room = request.Room!,
            StartedAt = request.StartedAt?.UtcDateTime ?? now,
            Members = userIds.Select(userId => new RoomSessionMember { SessionId = sessionId, UserId = userId }).ToList(),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        venue.Users.SetProfiles(unseen);
        venue.Rooms.Started(session);
        return new Started(session, Created: true);
    }

    /// <summary>Ends a session; ending it again keeps the first end time.</summary>
    public async Task<(RoomSession? Session, ValidationErrors Errors)> EndAsync(
        string id, DateTimeOffset? endedAt, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.CheckTime("endedAt", endedAt, clock);
        var session = await db.Sessions.Include(s => s.Members).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null || !errors.IsEmpty || session.IsEnded) return (session, errors);

        var end = endedAt?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime;
        if (end < session.StartedAt)
        {
            errors.Add("endedAt", $"must not be before the session started ({session.StartedAt:O}).");
            return (session, errors);
        }
        session.EndedAt = end;
        await db.SaveChangesAsync(cancellationToken);
        return (session, errors);
    }

    /// <summary>Replaces the session's queue; null for an unknown session. Every node's lists leave it out within the state sync, this node's at once.</summary>
    public async Task<RoomSession?> SetQueueAsync(string id, IReadOnlyList<string> songIds, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var session = await db.Sessions.Include(s => s.Members).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (session is null) return null;
        // Under the write lock: no other write commits between this read and our commit, so revisions rise in commit order.
        session.QueueRevision = (await db.Sessions.MaxAsync(s => (long?)s.QueueRevision, cancellationToken) ?? 0) + 1;
        session.Queue = [.. songIds];
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        venue.Rooms.Queued(session.Id, session.Queue, session.QueueRevision);
        return session;
    }

    public Task<RoomSession?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Sessions.Include(s => s.Members).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>A page of sessions, newest first; <paramref name="ended"/> null lists open and ended ones.</summary>
    public async Task<(List<RoomSession> Sessions, int Total)> ListAsync(bool? ended, int limit, int offset, CancellationToken cancellationToken)
    {
        var sessions = db.Sessions.AsNoTracking();
        if (ended is { } isEnded) sessions = sessions.Where(s => (s.EndedAt != null) == isEnded);
        var total = await sessions.CountAsync(cancellationToken);
        var page = await sessions.Include(s => s.Members).OrderByDescending(s => s.StartedAt).ThenBy(s => s.Id)
            .Skip(offset).Take(limit).ToListAsync(cancellationToken);
        return (page, total);
    }

    /// <summary>The songs started, completed and skipped in each of these sessions, in one query.</summary>
    public async Task<Dictionary<string, SessionActivity>> ActivityAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var list = ids.ToList();
        var counts = await db.Events
            .Where(e => e.SessionId != null && list.Contains(e.SessionId)
                && (e.Type == EventType.Play || e.Type == EventType.Complete || e.Type == EventType.Skip))
            .GroupBy(e => new { e.SessionId, e.Type })
            .Select(g => new { g.Key.SessionId, g.Key.Type, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return ids.ToDictionary(id => id, id =>
        {
            int Count(EventType type) => counts.FirstOrDefault(c => c.SessionId == id && c.Type == type)?.Count ?? 0;
            return new SessionActivity(Count(EventType.Play), Count(EventType.Complete), Count(EventType.Skip));
        });
    }

    public async Task<SessionActivity> ActivityAsync(string id, CancellationToken cancellationToken) =>
        (await ActivityAsync([id], cancellationToken))[id];
}
