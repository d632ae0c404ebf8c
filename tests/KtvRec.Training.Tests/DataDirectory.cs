using Microsoft.Data.Sqlite;

namespace KtvRec.Training.Tests;

/// <summary>A data directory of one test's own, for the service's SQLite database; removed with its files afterwards.</summary>
public sealed class DataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ktvrec-data-").FullName;

    public void Dispose()
    {
        // Pooled connections would keep the database file open.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
