using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Retraining;
using KtvRec.Api.Serving;
using KtvRec.Training.ModelFiles;
using Microsoft.Extensions.DependencyInjection;
using static KtvRec.Training.Features.KtvFeatures;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>The serving model grown by what was sung since its data, through the same gate, and the two schedules.</summary>
[Collection(HeavyTests.Name)]
public sealed class IncrementalRetrainTests
{
    [Fact]
    public async Task AnIncrementalRetrainGrowsTheServingModelBySongsAndSingersItHadNeverSeen()
    {
        string[] newcomers = ["newcomer-1", "newcomer-2", "newcomer-3"];
        var newSong = "s-new-hit";
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:Epochs", "2"), SmallDemo.LenientGate));
        var client = app.CreateClient();
        var first = await TrainedVenue.RetrainAsync(client);
        Assert.True(first.Status == "active", $"{first.Status}: {first.Reason}");
        Assert.StartsWith("skipped: nothing was sung since the serving model", await RunIncrementalAsync(app));

        // Just after the model's data: a song added to the catalog, and three people the venue never saw sing it and four of its hits.
        (await client.PutAsJsonAsync($"/songs/{newSong}", new { title = "New hit", artist = "New band", language = "Mandarin", genre = "Pop" })).EnsureSuccessStatusCode();
        var hits = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/newcomer-0?count=4"))!.Items.Select(i => i.SongId).ToList();
        var at = first.DataTo!.Value.AddMinutes(1);
        var events = newcomers.SelectMany((user, u) => new[] { newSong }.Concat(hits).Select((song, i) =>
            new { eventId = $"{user}-{i}", type = "complete", userId = user, songId = song, timestamp = at.AddMinutes(5 * u + i) }));
        (await client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();

        var before = (await client.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!.Count;
        (await client.PostAsync("/admin/retrain?incremental=true", null)).EnsureSuccessStatusCode();
        var grown = await TrainedVenue.WaitForRunAsync(client, before);

        Assert.True(grown.Status == "active", $"{grown.Status}: {grown.Reason}");
        Assert.Equal(1, grown.Metrics["incremental"]);
        Assert.True(grown.DataTo > first.DataTo);
        using var model = ModelDirectory.Load(Path.Combine(app.DataDirectory, "models", grown.Version));
        Assert.Equal(first.Version, model.Metadata.StartedFrom);
        Assert.True(model.Space.Knows(Fields.ToList().IndexOf("recent_songs"), newSong), "the new song has an embedding of its own");
        Assert.Contains(model.Similarity.Walk.Of(newSong), neighbour => hits.Contains(neighbour.SongId));
        var progress = (await client.GetFromJsonAsync<TrainingProgressResponse>("/models/training"))!;
        Assert.Equal((grown.Version, first.Version, 1), (progress.Version, progress.StartedFrom, progress.MaxEpochs)); // one pass by default
        await TrainedVenue.ServesWithinAsync(client, grown.Version);
    }

    [Fact]
    public async Task BothSchedulesAreWhatTheSettingsSayAndWhenTheyRunNext()
    {
        var schedule = await ScheduleAsync(("KtvRec:Training:Cron", "0 3 * * *"), ("KtvRec:Training:IncrementalCron", "15 * * * *"));

        Assert.Equal(("0 3 * * *", "15 * * * *"), (schedule.Full, schedule.Incremental));
        Assert.Equal((3, 0), (schedule.NextFull!.Value.Hour, schedule.NextFull.Value.Minute));
        Assert.Equal(15, schedule.NextIncremental!.Value.Minute);
        Assert.InRange(schedule.NextIncremental.Value, DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task AnEmptyIncrementalCronSchedulesTheFullRetrainOnly()
    {
        var schedule = await ScheduleAsync(("KtvRec:Training:IncrementalCron", ""));

        Assert.Equal(("0 3 * * *", null), (schedule.Full, schedule.Incremental));
    }

    /// <summary>The schedule a node with the recurring retrains on (and no first training at start-up) reports.</summary>
    private static async Task<TrainingSchedule> ScheduleAsync(params (string Key, string Value)[] settings)
    {
        await using var app = new KtvRecApp(SmallDemo.Settings([("KtvRec:Training:Enabled", "true"), ("KtvRec:Training:TrainOnStartup", "false"), .. settings]));
        return (await app.CreateClient().GetFromJsonAsync<TrainingProgressResponse>("/models/training"))!.Schedule!;
    }

    /// <summary>An incremental run called as Hangfire calls it, once the last run has let go of the training slot (a moment after the registry records its end).</summary>
    private static async Task<string> RunIncrementalAsync(KtvRecApp app)
    {
        var job = app.Services.GetRequiredService<RetrainJob>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var outcome = await job.RunIncrementalAsync("test", null, CancellationToken.None);
            if (!outcome.Contains("another training is running") || DateTime.UtcNow > deadline) return outcome;
            await Task.Delay(100);
        }
    }
}
