using System.Net.Http.Json;
using KtvRec.Api.Sessions;
using KtvRec.Api.Stats;
using KtvRec.Domain.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace KtvRec.Api.Tests.Storage;

public sealed class StorageTests : IDisposable
{
    private readonly TempDirectory _data = new();

    private string DataDirectory => _data.Path;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task MigrationsCreateTheSchemaInAnEmptyFileInWalMode()
    {
        await using (var app = new KtvRecApp(dataDirectory: DataDirectory, sqliteOnly: true))
        {
            (await app.CreateClient().GetAsync("/stats")).EnsureSuccessStatusCode();
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, SqliteStore.DatabaseFileName)}");
        await connection.OpenAsync();
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;"));
        foreach (var table in new[] { "Users", "Songs", "RoomSessions", "RoomSessionMembers", "Events" })
            Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));

        await using var db = new KtvDbContext(SqliteStore.Options(DataDirectory));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task WhatWasAcknowledgedIsThereAfterARestart()
    {
        await using (var app = new KtvRecApp(dataDirectory: DataDirectory, sqliteOnly: true))
        {
            await app.AddSongsAsync("s1");
            var response = await app.CreateClient().PostAsJsonAsync("/events", new { type = "complete", userId = "alice", songId = "s1", timestamp = "2025-03-01T20:15:00+08:00" });
            response.EnsureSuccessStatusCode();
        }

        await using var restarted = new KtvRecApp(dataDirectory: DataDirectory, sqliteOnly: true);
        var stats = await restarted.CreateClient().GetFromJsonAsync<StatsResponse>("/stats");

        Assert.Equal(1, stats!.Events);
        Assert.Equal(new DateTime(2025, 3, 1, 12, 15, 0, DateTimeKind.Utc), stats.LatestEventAt);
        Assert.Equal(DateTimeKind.Utc, stats.LatestEventAt!.Value.Kind);
    }

    [Fact]
    public async Task TimesAreStoredAsUtcTextThatSortsInTimeOrder()
    {
        await using (var app = new KtvRecApp(dataDirectory: DataDirectory, sqliteOnly: true))
        {
            await app.AddSongsAsync("s1");
            await app.CreateClient().PostAsJsonAsync("/events", new
            {
                events = new[]
                {
                    new { type = "play", userId = "a", songId = "s1", timestamp = "2025-03-01T23:30:00-05:00" },
                    new { type = "play", userId = "a", songId = "s1", timestamp = "2025-03-02T01:00:00+00:00" },
                },
            });
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, SqliteStore.DatabaseFileName)}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(OccurredAt), OccurredAt FROM Events ORDER BY OccurredAt";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            Assert.Equal("text", reader.GetString(0));
            rows.Add(reader.GetString(1));
        }
        Assert.Equal(["2025-03-02 01:00:00", "2025-03-02 04:30:00"], rows);
    }

    /// <summary>A venue whose database is from before room queues and rules, on the round's engine: the service's start upgrades it.</summary>
    [Fact]
    public async Task AVenueFromBeforeQueuesAndRulesUpgradesWithItsSessionsKept()
    {
        await TestDatabase.CreateAsync(DataDirectory);
        try
        {
            await using (var db = TestDatabase.IsPostgres
                ? new PostgresKtvDbContext(PostgresStore.Options(TestDatabase.ConnectionString(DataDirectory)))
                : new KtvDbContext(SqliteStore.Options(DataDirectory)))
            {
                await db.GetService<IMigrator>().MigrateAsync("ProfileRevisions");
                await db.Database.ExecuteSqlRawAsync(TestDatabase.IsPostgres
                    ? "INSERT INTO \"RoomSessions\" (\"Id\", \"Room\", \"StartedAt\") VALUES ('before', 'room-01', '2026-12-01 20:00:00+00')"
                    : "INSERT INTO \"RoomSessions\" (\"Id\", \"Room\", \"StartedAt\") VALUES ('before', 'room-01', '2026-12-01 20:00:00')");
            }

            await using var app = new KtvRecApp(TestDatabase.Settings(DataDirectory), DataDirectory);
            var client = app.CreateClient();
            await app.AddSongsAsync("s1");

            Assert.Empty((await client.GetFromJsonAsync<SessionResponse>("/sessions/before"))!.Queue);
            (await client.PutAsJsonAsync("/sessions/before/queue", new { songIds = new[] { "s1" } })).EnsureSuccessStatusCode();
            Assert.Equal(["s1"], (await client.GetFromJsonAsync<SessionResponse>("/sessions/before"))!.Queue);
            (await client.PostAsJsonAsync("/admin/rules", new { kind = "block", songId = "s1" })).EnsureSuccessStatusCode();
        }
        finally
        {
            await TestDatabase.DropAsync(DataDirectory);
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
