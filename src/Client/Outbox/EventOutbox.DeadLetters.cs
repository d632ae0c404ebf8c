namespace KtvRec.Client.Outbox;

/// <summary>The outbox's dead letters: events the service refused for what they are, kept for the venue to look at.</summary>
public sealed partial class EventOutbox
{
    /// <summary>Refused for what it is: moved to the dead letters with the service's answer, in one transaction.</summary>
    public void DeadLetter(PendingEvent pending, int status, string problem)
    {
        lock (_write)
        {
            using var transaction = _connection.BeginTransaction();
            using (var insert = Command(
                "INSERT INTO dead_letters (event_id, body, status, problem, at) VALUES ($id, $body, $status, $problem, $at)",
                ("$id", pending.EventId), ("$body", pending.Json), ("$status", status), ("$problem", problem), ("$at", DateTimeOffset.UtcNow.ToString("O"))))
            {
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }
            using (var delete = Command("DELETE FROM outbox WHERE seq = $seq", ("$seq", pending.Sequence)))
            {
                delete.Transaction = transaction;
                if (delete.ExecuteNonQuery() > 0) Interlocked.Decrement(ref _count);
            }
            transaction.Commit();
        }
    }

    /// <summary>Every event the service refused, oldest first: what the venue looks at (and fixes at the source, e.g. adds the song, then tracks again).</summary>
    public IReadOnlyList<DeadLetter> DeadLetters()
    {
        lock (_write)
        {
            using var command = Command("SELECT event_id, body, status, problem, at FROM dead_letters ORDER BY seq");
            using var reader = command.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
                letters.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), DateTimeOffset.Parse(reader.GetString(4))));
            return letters;
        }
    }
}
