using System.Net.Http.Json;
using KtvRec.Api.Serving;
using KtvRec.Api.Tests.Operations;
using KtvRec.Api.Tests.Retraining;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Faults;

/// <summary>
/// Nodes of the scale mode killed, damaged or racing each other: API nodes and workers as processes on one PostgreSQL
/// database, each with its own data directory.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class NodeFaultTests(ITestOutputHelper output)
{
    /// <summary>Jukeboxes posting events and screens asking for lists while an API node dies.</summary>
    private const int Writers = 8, Readers = 8;

    [PostgresFact]
    public async Task OneOfTwoApiNodesKilledUnderLoadLeavesTheOtherServingAndLosesNothingAcknowledged()
    {
        await using var nodes = await TwoApiNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);

        var traffic = Traffic.Start([first.Url, second.Url], Writers, Readers);
        await Task.Delay(TimeSpan.FromSeconds(3));
        first.Kill();
        var killed = DateTime.UtcNow;
        var acknowledgedBefore = traffic.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(5));
        await traffic.StopAsync();

        var stored = await ServiceProcess.StoredEventIdsAsync(nodes.Database);
        output.WriteLine($"acknowledged {acknowledgedBefore} events before the kill, {traffic.Acknowledged.Count - acknowledgedBefore} after; lists served {traffic.Reads}; " +
                         $"failed answers of the killed node {traffic.Failures.Count(f => f.Node == 0)}, of the other {traffic.Failures.Count(f => f.Node == 1)}");
        Assert.DoesNotContain(traffic.Failures, f => f.Node == 1);
        Assert.All(traffic.Failures, f => Assert.True(f.At >= killed.AddSeconds(-1), $"the first node failed before it was killed: {f}"));
        Assert.True(traffic.Acknowledged.Count > acknowledgedBefore, "nothing was acknowledged after the kill");
        Assert.DoesNotContain(traffic.Acknowledged, id => !stored.ContainsKey(id));
        Assert.DoesNotContain(stored, pair => pair.Value > 1);
    }

    [PostgresFact]
    public async Task TheSameEventIdsSentToTwoNodesAtOnceAreStoredOnce()
    {
        await using var nodes = await TwoApiNodes.StartAsync();
        var (first, second) = (nodes.First, nodes.Second);

        for (var round = 0; round < 100; round++)
        {
            var events = Enumerable.Range(0, 10).Select(i => new { eventId = $"r{round}-e{i}", type = "complete", userId = $"u{1 + round % 40:00000}", songId = $"s{i:00000}" }).ToList();
            var answers = await Task.WhenAll(first.Http.PostAsJsonAsync("/events", new { events }), second.Http.PostAsJsonAsync("/events", new { events }));
            var counts = await Task.WhenAll(answers.Select(answer => answer.ReadAsync<KtvRec.Api.Events.IngestResponse>()));
            Assert.Equal((10, 10), (counts.Sum(c => c.Accepted), counts.Sum(c => c.Duplicates)));
        }

        var stored = await ServiceProcess.StoredEventIdsAsync(nodes.Database);
        Assert.Equal(1_000, stored.Count(pair => pair.Key.StartsWith('r')));
        Assert.DoesNotContain(stored, pair => pair.Value > 1);
    }

    [PostgresFact]
    public async Task ACorruptModelFolderOnOneNodeIsRepairedThereAndTheOthersKeepTheActiveVersion()
    {
        using var shared = new TempDirectory();
        using var firstData = new TempDirectory();
        using var secondData = new TempDirectory();
        await using var worker = ScaleNode.Start("worker", shared.Path, shared.Path, ScaleNode.WithDemo(("KtvRec:Training:GateTolerance", "0.5")));
        await worker.WaitForAsync("/health/ready");
        var active = await TrainedVenue.RetrainAsync(worker.Http);
        Assert.Equal("active", active.Status);
        var first = ScaleNode.Start("api", firstData.Path, shared.Path);
        await using var second = ScaleNode.Start("api", secondData.Path, shared.Path);
        await ServesAsync(first, active.Version);
        await ServesAsync(second, active.Version);

        // The first node dies and its copy of the model is damaged on its disk: every file overwritten with noise.
        first.Kill();
        await first.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(firstData.Path, "models", active.Version)))
            await File.WriteAllBytesAsync(file, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray());
        await using var restarted = ScaleNode.Start("api", firstData.Path, shared.Path);

        await ServesAsync(restarted, active.Version);
        await ServesAsync(second, active.Version);
        var registry = (await worker.Http.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!;
        Assert.Equal(active.Version, Assert.Single(registry, v => v.Status == "active").Version);
        Assert.Contains("unpacking it again from the database", restarted.Log);
    }

    [PostgresFact]
    public async Task TheRunOfAWorkerKilledMidTrainingEndsFailedTheNextRunSucceedsAndServingIsUnaffected()
    {
        using var workerData = new TempDirectory();
        using var apiData = new TempDirectory();
        (string, string)[] worker = [("KtvRec:Training:HeartbeatSeconds", "1"), ("KtvRec:Training:GateTolerance", "0.5")];
        var killed = ScaleNode.Start("worker", workerData.Path, workerData.Path, ScaleNode.WithDemo(worker));
        await killed.WaitForAsync("/health/ready");
        await using var api = ScaleNode.Start("api", apiData.Path, workerData.Path);
        await api.WaitForAsync("/health/ready");
        var traffic = Traffic.Start([api.Url], writers: 2, readers: 4);

        (await killed.Http.PostAsync("/admin/retrain", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        KtvRec.Api.Retraining.TrainingProgressResponse? progress = null;
        while (progress is not { Phase: "training", Epochs.Count: > 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            progress = await killed.Http.GetFromJsonAsync<KtvRec.Api.Retraining.TrainingProgressResponse>("/models/training");
        }
        Assert.Equal("training", progress?.Phase);
        killed.Kill();
        await killed.DisposeAsync();

        // Silent for longer than four heartbeats: the restarted worker finds the run abandoned.
        await Task.Delay(TimeSpan.FromSeconds(5));
        await using var restarted = ScaleNode.Start("worker", workerData.Path, workerData.Path, worker);
        await restarted.WaitForAsync("/health/ready");
        var runs = (await restarted.Http.GetFromJsonAsync<List<ModelVersionResponse>>("/models"))!;
        var abandoned = Assert.Single(runs, run => run.Version == progress!.Version);
        var next = await TrainedVenue.RetrainAsync(restarted.Http);
        await traffic.StopAsync();

        output.WriteLine($"killed in epoch {progress!.Epochs.Count} of run {progress.Version}: {abandoned.Status}, {abandoned.Reason}; " +
                         $"the next run {next.Status}; lists served meanwhile {traffic.Reads}, failed {traffic.Failures.Count}");
        Assert.Equal("failed", abandoned.Status);
        Assert.StartsWith("abandoned", abandoned.Reason);
        Assert.Equal("active", next.Status);
        Assert.Empty(traffic.Failures);
        Assert.True(traffic.Reads > 100, $"only {traffic.Reads} lists were served");
    }

    /// <summary>Waits until the node answers lists with the given model version.</summary>
    private static async Task ServesAsync(ServiceProcess node, string version)
    {
        await node.WaitForAsync("/health/ready");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? serving = null;
        while (DateTime.UtcNow < deadline)
        {
            serving = (await node.Http.GetFromJsonAsync<KtvRec.Api.Recommendations.RecommendationResponse>("/recommendations/u00001?count=5"))!.ModelVersion;
            if (serving == version) return;
            await Task.Delay(250);
        }
        Assert.Fail($"The node serves {serving}, not {version}:\n{node.Log}");
    }
}
