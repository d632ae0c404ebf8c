using System.Collections.Concurrent;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.State;

/// <summary>
/// Every user a request may ask about, in memory: filled at start-up from the newest events, a user not kept is read
/// from the database once on their first request (an unknown id too, so it is not read again), and each is kept up
/// to date by ingest on this node and the <see cref="StateFeed"/> from the others. Bounded by
/// <see cref="StateOptions.MaxUsers"/>: past it the users unused longest are dropped.
/// </summary>
internal sealed class UserStates(IServiceScopeFactory scopes, IOptions<StateOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _users = new(StringComparer.Ordinal);
    private readonly IdleEviction _eviction = new();

    /// <summary>A kept user, updated from the moment it is added, while its first read from the database may still run.</summary>
    private sealed class Entry
    {
        public Entry(Func<UserState, Task> load)
            : this(new UserState(), load)
        {
        }

        /// <param name="state">What is already known of the user (from warm-up); the load adds to it.</param>
        public Entry(UserState state, Func<UserState, Task> load)
        {
            State = state;
            Loaded = new Lazy<Task>(() => load(State));
        }

        public UserState State { get; }
        public Lazy<Task> Loaded { get; }
    }

    public int Count => _users.Count;

    public async ValueTask<UserState> GetAsync(string userId, CancellationToken cancellationToken)
    {
        // Only an added user can take the count past the limit, and counting a concurrent dictionary takes all its locks.
        var added = false;
        if (!_users.TryGetValue(userId, out var entry))
        {
            entry = _users.GetOrAdd(userId, id => new Entry(state => LoadAsync(id, state)));
            added = true;
        }
        var loaded = entry.Loaded.Value;
        if (!loaded.IsCompletedSuccessfully)
        {
            try
            {
                await loaded.WaitAsync(cancellationToken);
            }
            catch (Exception) when (loaded.IsFaulted)
            {
                _users.TryRemove(new KeyValuePair<string, Entry>(userId, entry));
                throw;
            }
        }
        entry.State.Touch(clock.GetTimestamp());
        if (added) _eviction.Evict(_users, options.Value.MaxUsers, LastUsed);
        return entry.State;
    }

    /// <summary>The user if kept (loaded or loading), to be updated; null if not, as their first read will find the change in the database.</summary>
    public UserState? Kept(string userId) => _users.TryGetValue(userId, out var entry) ? entry.State : null;

    public void Apply(IEnumerable<Listen> listens)
    {
        foreach (var listen in listens) Kept(listen.UserId)?.Apply(listen);
    }

    public void SetProfiles(IEnumerable<User> profiles)
    {
        foreach (var profile in profiles) Kept(profile.Id)?.SetProfile(profile);
    }

    /// <summary>
    /// Fills the state from the database: the users with the newest events of the last <see cref="StateOptions.WarmDays"/>,
    /// up to the limit, and their profiles, reading at most <see cref="StateOptions.WarmEvents"/> events. If that cut the
    /// window short, the users read are completed from the database on their first request. Events stored meanwhile may
    /// be read twice; each counts once.
    /// </summary>
    public async Task WarmAsync(KtvDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var (limit, budget) = (options.Value.MaxUsers, options.Value.WarmEvents);
        var since = now.AddDays(-options.Value.WarmDays);
        var kept = new Dictionary<string, UserState>(StringComparer.Ordinal);
        var read = 0;
        // Read synchronously on this start-up step's thread: for a million rows EF's async reader costs twice the time.
        var events = db.Events.AsNoTracking()
            .Where(e => Listen.Kept.Contains(e.Type) && e.OccurredAt >= since)
            .OrderByDescending(e => e.OccurredAt).Take(budget)
            .Select(e => new Listen(e.UserId, e.SongId, e.Type, e.OccurredAt, e.SessionId, e.Score));
        foreach (var listen in events.AsEnumerable())
        {
            if (++read % 100_000 == 0) cancellationToken.ThrowIfCancellationRequested();
            if (!kept.TryGetValue(listen.UserId, out var state))
            {
                if (kept.Count >= limit) continue;
                kept[listen.UserId] = state = new UserState();
            }
            state.Apply(listen);
        }
        // Profiles of the users kept; a user with a profile and no recent events is read in full when first asked for.
        await foreach (var user in db.Users.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (kept.TryGetValue(user.Id, out var state)) state.SetProfile(user);
        }
        var complete = read < budget;
        foreach (var (userId, state) in kept) _users.TryAdd(userId, complete ? Warmed(state) : new Entry(state, loaded => LoadAsync(userId, loaded)));
    }

    private static Entry Warmed(UserState state)
    {
        var entry = new Entry(state, _ => Task.CompletedTask);
        _ = entry.Loaded.Value;
        return entry;
    }

    private async Task LoadAsync(string userId, UserState state)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KtvDbContext>();
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId) is { } profile) state.SetProfile(profile);
        var enjoyed = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId)
            .Where(Listening.Enjoyed)
            // An occasion may have several enjoyed events (sung to the end, liked, scored): enough to fill the history.
            .OrderByDescending(e => e.OccurredAt).Take(UserState.MaxEnjoyed * 4)
            .Select(e => new Listen(e.UserId, e.SongId, e.Type, e.OccurredAt, e.SessionId, e.Score))
            .ToListAsync();
        var played = await db.Events.AsNoTracking()
            .Where(e => e.UserId == userId && (e.Type == EventType.Play || e.Type == EventType.Complete))
            .GroupBy(e => e.SongId)
            .Select(g => new { SongId = g.Key, At = g.Max(e => e.OccurredAt) })
            .OrderByDescending(p => p.At).Take(UserState.MaxPlayed)
            .ToListAsync();
        foreach (var listen in enjoyed) state.Apply(listen);
        foreach (var song in played) state.Apply(new Listen(userId, song.SongId, EventType.Play, song.At, null));
    }

    /// <summary>Null only while a load runs; a user warmed in part and never asked for since is idle since start-up.</summary>
    private static long? LastUsed(Entry entry) =>
        !entry.Loaded.IsValueCreated || entry.Loaded.Value.IsCompletedSuccessfully ? entry.State.LastUsed : null;
}
