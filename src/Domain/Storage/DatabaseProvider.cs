namespace KtvRec.Domain.Storage;

/// <summary>Where the venue's data lives: one SQLite file (one machine), or PostgreSQL (several nodes).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
