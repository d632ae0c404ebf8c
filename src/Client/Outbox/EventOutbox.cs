using System.Text.Json;
using KtvRec.Client.Models;
using Microsoft.Data.Sqlite;

namespace KtvRec.Client.Outbox;

/// <summary>An event waiting in the outbox: its place in line, its id and its JSON as it will be sent.</summary>
public sealed record PendingEvent(long Sequence, string EventId, string Json);

/// <summary>An event the service refused for what it is (e.g. an unknown song): kept for the venue to look at, never resent by itself.</summary>
public sealed record DeadLetter(string EventId, string Json, int Status, string Problem, DateTimeOffset At);

/// <summary>
/// The jukebox's durable queue of events not yet delivered, and its dead letters: one SQLite file (WAL, synchronous=FULL:
/// an event is on disk before <see cref="Add"/> returns). Callers that add at the same time share one commit (group
/// commit): the first to get the write lock writes everything waiting, the others find theirs written. Events leave
/// in the order they came (one sender), so each room's stay in order.
/// </summary>
public sealed partial class EventOutbox : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly object _write = new();
    private readonly List<Entry> _waiting = [];
    private readonly int _maxEvents;
    private int _count;

    public EventOutbox(string path, int maxEvents = 1_000_000)
    {
        _maxEvents = maxEvents;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, body TEXT NOT NULL, status INTEGER NOT NULL,
                problem TEXT NOT NULL, at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS last_lists (key TEXT PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL);
            """);
        _count = Convert.ToInt32(Scalar("SELECT count(*) FROM outbox"));
    }

    /// <summary>How many events wait to be delivered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Raised (on the adding thread) after events were written: the sender wakes.</summary>
    internal event Action? Added;

    /// <summary>
    /// Writes the events durably and returns their ids (a client-made, time-ordered id for an event without one; the
    /// moment of adding for one without a time). An id already waiting is not written twice.
    /// </summary>
    public IReadOnlyList<string> Add(IReadOnlyList<PlayEvent> events)
    {
        var entry = new Entry(events.Select(Prepare).ToList());
        lock (_waiting) _waiting.Add(entry);
        lock (_write)
        {
            if (!entry.Written)
            {
                List<Entry> group;
                lock (_waiting)
                {
                    group = [.. _waiting];
                    _waiting.Clear();
                }
                Write(group);
            }
        }
        if (entry.Error is { } error) throw error;
        Added?.Invoke();
        return entry.Events.ConvertAll(e => e.EventId!);
    }

    /// <summary>The oldest <paramref name="limit"/> events waiting after <paramref name="after"/> (a sequence), oldest first.</summary>
    public IReadOnlyList<PendingEvent> Peek(int limit, long after = 0)
    {
        lock (_write)
        {
            using var command = Command("SELECT seq, event_id, body FROM outbox WHERE seq > $after ORDER BY seq LIMIT $limit", ("$after", after), ("$limit", limit));
            using var reader = command.ExecuteReader();
            var events = new List<PendingEvent>(limit);
            while (reader.Read()) events.Add(new PendingEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            return events;
        }
    }

    /// <summary>Delivered: out of the outbox. A batch from <see cref="Peek"/> is every event waiting between its first and last, so one range goes.</summary>
    public void Remove(IReadOnlyList<PendingEvent> delivered)
    {
        if (delivered.Count == 0) return;
        lock (_write)
        {
            using var command = Command("DELETE FROM outbox WHERE seq BETWEEN $first AND $last", ("$first", delivered[0].Sequence), ("$last", delivered[^1].Sequence));
            Interlocked.Add(ref _count, -command.ExecuteNonQuery());
        }
    }

    /// <summary>Keeps the last answer under <paramref name="key"/> (a screen's fallback, <see cref="Jukebox.RecommendAsync"/>).</summary>
    internal void SaveList(string key, string json)
    {
        lock (_write)
        {
            using var command = Command("INSERT OR REPLACE INTO last_lists (key, body, at) VALUES ($key, $body, $at)",
                ("$key", key), ("$body", json), ("$at", DateTimeOffset.UtcNow.ToString("O")));
            command.ExecuteNonQuery();
        }
    }

    internal string? LastList(string key)
    {
        lock (_write) return Scalar("SELECT body FROM last_lists WHERE key = $key", ("$key", key)) as string;
    }

    public void Dispose() => _connection.Dispose();

    private static PlayEvent Prepare(PlayEvent e) => e with
    {
        EventId = e.EventId ?? Guid.CreateVersion7().ToString("N"),
        Timestamp = e.Timestamp ?? DateTimeOffset.UtcNow,
    };

    // Under the write lock: every waiting caller's events in one transaction, or the same error for all of them.
    private void Write(List<Entry> group)
    {
        try
        {
            var adding = group.Sum(g => g.Events.Count);
            if (_count + adding > _maxEvents) throw new OutboxFullException(_count);
            using var transaction = _connection.BeginTransaction();
            using var command = Command("INSERT OR IGNORE INTO outbox (event_id, body) VALUES ($id, $body)", ("$id", ""), ("$body", ""));
            command.Transaction = transaction;
            var written = 0;
            foreach (var e in group.SelectMany(g => g.Events))
            {
                command.Parameters["$id"].Value = e.EventId;
                command.Parameters["$body"].Value = JsonSerializer.Serialize(e, OutboxJson.Default.PlayEvent);
                written += command.ExecuteNonQuery();
            }
            transaction.Commit();
            Interlocked.Add(ref _count, written);
        }
        catch (Exception exception)
        {
            foreach (var entry in group) entry.Error = exception;
        }
        foreach (var entry in group) entry.Written = true;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    /// <summary>One caller's events, and what became of them.</summary>
    private sealed class Entry(List<PlayEvent> events)
    {
        public List<PlayEvent> Events { get; } = events;
        public volatile bool Written;
        public Exception? Error;
    }
}
