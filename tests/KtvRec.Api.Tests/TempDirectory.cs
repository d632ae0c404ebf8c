using Microsoft.Data.Sqlite;

namespace KtvRec.Api.Tests;

/// <summary>A data directory that outlives one service instance (for restarts) and is deleted at the end of the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("ktvrec-data-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDatabase.DropAsync(Path).GetAwaiter().GetResult();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
