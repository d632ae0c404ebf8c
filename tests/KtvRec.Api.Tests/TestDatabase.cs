using Npgsql;

namespace KtvRec.Api.Tests;

/// <summary>
/// Which engine the suite runs on: SQLite files by default; PostgreSQL when KTVREC_TEST_POSTGRES holds a connection
/// string to a server where it may create databases (tests/run.sh sets it when PostgreSQL is there). Each data
/// directory gets a database of its own, so a restarted app finds its data again, as with SQLite.
/// </summary>
public static class TestDatabase
{
    public static readonly string? PostgresServer = Environment.GetEnvironmentVariable("KTVREC_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>The settings that point the service at this data directory's database.</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => PostgresServer is null
        ? []
        : new()
        {
            ["KtvRec:Database:Provider"] = "postgres",
            ["KtvRec:Database:ConnectionString"] = ConnectionString(dataDirectory),
        };

    public static string ConnectionString(string dataDirectory) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = DatabaseName(dataDirectory) }.ConnectionString;

    /// <summary>Drops this data directory's database, when the suite runs on PostgreSQL.</summary>
    public static async Task DropAsync(string dataDirectory)
    {
        if (PostgresServer is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName(dataDirectory)}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates this data directory's database unless it exists.</summary>
    public static async Task CreateAsync(string dataDirectory)
    {
        if (PostgresServer is null) return;
        await using var connection = new NpgsqlConnection(PostgresServer);
        await connection.OpenAsync();
        var name = DatabaseName(dataDirectory);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is not null) return;
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static string DatabaseName(string dataDirectory) =>
        "ktvrec_" + new string(Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory)).ToLowerInvariant()
            .Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
