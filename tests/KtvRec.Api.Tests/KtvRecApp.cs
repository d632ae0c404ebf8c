using System.Net.Http.Json;
using KtvRec.Api.Songs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KtvRec.Api.Tests;

/// <summary>
/// The real service over a real database — a SQLite file, or PostgreSQL when the suite runs on it (<see cref="TestDatabase"/>)
/// — in a temporary data directory of its own unless one is given.
/// </summary>
public sealed class KtvRecApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDataDirectory;

    private readonly string _environment;

    /// <param name="sqliteOnly">Tests of the SQLite file itself run on SQLite even when the suite runs on PostgreSQL.</param>
    public KtvRecApp(Dictionary<string, string?>? settings = null, string? dataDirectory = null, string environment = "Testing", bool sqliteOnly = false)
    {
        _environment = environment;
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("ktvrec-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["KtvRec:DataDirectory"] = DataDirectory,
            ["KtvRec:Demo:Enabled"] = "false",
            ["KtvRec:Recommendations:PopularityCacheSeconds"] = "0",
            ["KtvRec:Feedback:PickRateCacheSeconds"] = "0",
            // The test server has no client address: every request would share one bucket. Tests that need it turn it on.
            ["KtvRec:Limits:RateLimitEnabled"] = "false",
            // Training only when a test asks for it, and then a small, quick model.
            ["KtvRec:Training:Enabled"] = "false",
            ["KtvRec:Training:TrainOnStartup"] = "false",
            ["KtvRec:Training:Hidden"] = "32,32",
            ["KtvRec:Training:EmbeddingDim"] = "8",
            ["KtvRec:Training:Epochs"] = "3",
            ["KtvRec:Training:BatchSize"] = "256",
            ["KtvRec:Training:RankingUsers"] = "20",
            ["KtvRec:Training:MinInteractions"] = "100",
            ["KtvRec:Training:QueuePollSeconds"] = "1",
        };
        if (!sqliteOnly)
        {
            TestDatabase.CreateAsync(DataDirectory).GetAwaiter().GetResult();
            foreach (var (key, value) in TestDatabase.Settings(DataDirectory)) _settings[key] = value;
        }
        foreach (var (key, value) in settings ?? []) _settings[key] = value;
    }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "ktvrec.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>Adds songs s1..sN (or the given ids) to the catalog through the API.</summary>
    public async Task AddSongsAsync(params string[] ids)
    {
        var songs = ids.Select(id => new SongEntry(id, $"Title {id}", "Artist", "Mandarin", "Pop")).ToList();
        var response = await CreateClient().PostAsJsonAsync("/songs/batch", songs);
        response.EnsureSuccessStatusCode();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_ownsDataDirectory) return;
        await TestDatabase.DropAsync(DataDirectory);
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
