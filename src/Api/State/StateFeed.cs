using KtvRec.Api.Storage;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.State;

/// <summary>
/// Fills the in-memory state at start-up, then every <see cref="StateOptions.SyncSeconds"/> reads what was stored
/// since (events by id; profiles, room queues and the venue's rules by revision), so what another node took in reaches this one's requests. On
/// PostgreSQL ids are handed out before commit, so a transaction may commit after a higher id was read: the events of
/// the last <see cref="Overlap"/> are read again, and counted once. Profile revisions are taken under the write lock
/// and rise in commit order (<see cref="Domain.Users.User.ProfileRevision"/>): no overlap, and no node's clock, needed.
/// </summary>
internal sealed partial class StateFeed(
    IServiceScopeFactory scopes, VenueState venue, IOptions<StateOptions> options, IOptions<DatabaseOptions> database,
    TimeProvider clock, ILogger<StateFeed> logger) : BackgroundService
{
    private const int Page = 5000;
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    private readonly Queue<(DateTime At, long MaxId)> _marks = new();
    private long _lastId;
    private long _settledId;
    private long _profileRevision;
    private long _queueRevision;
    private long _ruleRevision;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
            _profileRevision = await db.Users.MaxAsync(u => (long?)u.ProfileRevision, cancellationToken) ?? 0;
            _queueRevision = await db.Sessions.MaxAsync(s => (long?)s.QueueRevision, cancellationToken) ?? 0;
            var rules = await db.Rules.AsNoTracking().ToListAsync(cancellationToken);
            venue.Rules.Apply(rules);
            _ruleRevision = rules.Count > 0 ? rules.Max(r => r.Revision) : 0;
            _lastId = _settledId = await db.Events.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            await venue.Users.WarmAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        logger.LogInformation("{Users} users in memory for serving", venue.Users.Count);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SyncSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await ReadAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReadFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads everything stored since the last read into the state.</summary>
    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;

        var from = FromId(now);
        while (true)
        {
            var events = await db.Events.AsNoTracking()
                .Where(e => e.Id > from && Listen.Kept.Contains(e.Type))
                .OrderBy(e => e.Id).Take(Page).ToListAsync(cancellationToken);
            venue.Apply(events);
            if (events.Count > 0) _lastId = Math.Max(_lastId, from = events[^1].Id);
            if (events.Count < Page) break;
        }
        _marks.Enqueue((now, _lastId));

        var profiles = await db.Users.AsNoTracking().Where(u => u.ProfileRevision > _profileRevision).ToListAsync(cancellationToken);
        venue.Users.SetProfiles(profiles);
        if (profiles.Count > 0) _profileRevision = profiles.Max(u => u.ProfileRevision);

        var queues = await db.Sessions.AsNoTracking().Where(s => s.QueueRevision > _queueRevision)
            .Select(s => new { s.Id, s.Queue, s.QueueRevision }).ToListAsync(cancellationToken);
        foreach (var queue in queues) venue.Rooms.Queued(queue.Id, queue.Queue, queue.QueueRevision);
        if (queues.Count > 0) _queueRevision = queues.Max(q => q.QueueRevision);

        var rules = await db.Rules.AsNoTracking().Where(r => r.Revision > _ruleRevision).ToListAsync(cancellationToken);
        venue.Rules.Apply(rules);
        if (rules.Count > 0) _ruleRevision = rules.Max(r => r.Revision);
    }

    /// <summary>How many reads' marks wait to settle: those of the last <see cref="Overlap"/>, whatever the engine.</summary>
    internal int PendingMarks => _marks.Count;

    /// <summary>The id after which to read: the last one read, or on PostgreSQL the last one read <see cref="Overlap"/> ago.</summary>
    private long FromId(DateTime now)
    {
        while (_marks.TryPeek(out var mark) && mark.At <= now - Overlap) _settledId = _marks.Dequeue().MaxId;
        return database.Value.Kind == DatabaseProvider.Postgres ? _settledId : _lastId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading new events into the in-memory state failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
