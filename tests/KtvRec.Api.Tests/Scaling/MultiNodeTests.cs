using System.Net.Http.Json;
using KtvRec.Api.Tests.Retraining;
using KtvRec.Training.ModelFiles;

namespace KtvRec.Api.Tests.Scaling;

/// <summary>
/// Two API nodes and one worker on one database. On PostgreSQL each node has its own data directory, so the API nodes
/// get the model from the database; on SQLite (one machine) they share the data directory, file and all.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class MultiNodeTests
{
    [Fact]
    public async Task EventsPostedToEitherApiNodeAreTrainedOnByTheWorkerAndEveryNodeServesItsModel()
    {
        using var workerData = new TempDirectory();
        using var apiData = new TempDirectory();
        var database = TestDatabase.Settings(workerData.Path);
        // The gate may keep a retrained model that is barely different; here every run should serve.
        await using var worker = new KtvRecApp(Node("worker", database, SmallDemo.Settings(("KtvRec:Training:GateTolerance", "0.5"))), workerData.Path);
        var workerClient = worker.CreateClient();
        await using var first = new KtvRecApp(Node("api", database), TestDatabase.IsPostgres ? null : workerData.Path);
        await using var second = new KtvRecApp(Node("api", database), TestDatabase.IsPostgres ? apiData.Path : workerData.Path);
        var (a, b) = (first.CreateClient(), second.CreateClient());

        var initial = await TrainedVenue.RetrainAsync(a);
        Assert.Equal("active", initial.Status);

        // Two users only these API nodes have seen, each singing a new song of their own beside a demo song.
        await PostCompletesAsync(a, "multi-node-a", "s00000");
        await PostCompletesAsync(b, "multi-node-b", "s00001");
        var retrained = await TrainedVenue.RetrainAsync(b);
        Assert.Equal("active", retrained.Status);

        using (var model = ModelDirectory.Load(Path.Combine(workerData.Path, "models", retrained.Version)))
        {
            // Only their events lead from their own songs to the demo songs they sang.
            Assert.Contains("s00000", model.Similarity.Walk.Of("multi-node-a-song").Select(n => n.SongId));
            Assert.Contains("s00001", model.Similarity.Walk.Of("multi-node-b-song").Select(n => n.SongId));
        }
        await TrainedVenue.ServesWithinAsync(a, retrained.Version);
        await TrainedVenue.ServesWithinAsync(b, retrained.Version);
        await TrainedVenue.ServesWithinAsync(workerClient, retrained.Version);

        // A rollback through one node reaches the others.
        (await a.PostAsync($"/models/{initial.Version}/activate", null)).EnsureSuccessStatusCode();
        await TrainedVenue.ServesWithinAsync(b, initial.Version);
        await TrainedVenue.ServesWithinAsync(workerClient, initial.Version);
    }

    private static Dictionary<string, string?> Node(string role, Dictionary<string, string?> database, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(database)
        {
            ["KtvRec:Role"] = role,
            ["KtvRec:Serving:SyncSeconds"] = "1",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }

    private static async Task PostCompletesAsync(HttpClient client, string userId, string demoSong)
    {
        var song = $"{userId}-song";
        (await client.PutAsJsonAsync($"/songs/{song}", new { title = "Their own", artist = userId, language = "Mandarin", genre = "Pop" })).EnsureSuccessStatusCode();
        var at = DateTimeOffset.UtcNow.AddDays(-7);
        var events = Enumerable.Range(0, 4).Select(i => new
        {
            eventId = $"{userId}-{i}", type = "complete", userId, songId = i % 2 == 0 ? song : demoSong, timestamp = at.AddSeconds(i),
        });
        (await client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();
    }
}
