using System.Net.Http.Json;
using KtvRec.Api.Retraining;
using KtvRec.Training.Trainer;

namespace KtvRec.Api.Tests.Retraining;

[Collection(HeavyTests.Name)]
public sealed class TrainingProgressTests
{
    [Fact]
    public async Task ARunsEpochsAndOutcomeAreReadBackFromTheProgressEndpoint()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        var client = app.CreateClient();
        var before = (await client.GetFromJsonAsync<TrainingProgressResponse>("/models/training"))!;

        var run = await TrainedVenue.RetrainAsync(client);
        var after = (await client.GetFromJsonAsync<TrainingProgressResponse>("/models/training"))!;

        Assert.False(before.Running);
        Assert.Null(before.Version);
        Assert.Empty(before.Epochs);
        Assert.False(after.Running);
        Assert.Equal(run.Version, after.Version);
        Assert.Equal("manual", after.Trigger);
        Assert.Equal("finished", after.Phase);
        Assert.Equal(3, after.MaxEpochs);
        Assert.StartsWith("activated: ", after.Outcome);
        // Trial 1 is selection, each epoch judged on held-out users; trial 2 the final fit on the whole window, as many
        // epochs as selection kept and nothing held out to judge them on.
        var selection = after.Epochs.Where(e => e.Trial == 1).ToList();
        var finalFit = after.Epochs.Where(e => e.Trial == 2).ToList();
        Assert.Equal(after.Epochs.Count, selection.Count + finalFit.Count);
        Assert.InRange(selection.Count, 1, 3);
        Assert.Equal(Enumerable.Range(1, selection.Count), selection.Select(e => e.Epoch));
        Assert.All(selection, e => Assert.True(e.TrainLoss > 0 && e.SamplesPerSecond > 0 && e.ValidationNdcg is not null));
        Assert.InRange(finalFit.Count, 1, selection.Count);
        Assert.Equal(Enumerable.Range(1, finalFit.Count), finalFit.Select(e => e.Epoch));
        Assert.All(finalFit, e => Assert.True(e.TrainLoss > 0 && e.ValidationNdcg is null));
        Assert.True(after.StartedAt <= after.FinishedAt);
    }

    [Fact]
    public void EachTrialCountsItsEpochsFromOneAndARunningRunSaysItsPhase()
    {
        var progress = new TrainingProgress(TimeProvider.System);

        progress.Started("v1", "manual", 10, startedFrom: null);
        var reading = progress.Current;
        progress.Entered("training");
        foreach (var epoch in new[] { 1, 2, 3, 1, 2, 1 }) progress.EpochDone(new EpochReport(epoch, 0.5, 0.8, 0.4, 1000, 0.01, 1.5, 0.1));
        var training = progress.Current;
        progress.Finished("rejected: does not beat popularity");

        Assert.True(reading.Running);
        Assert.Equal("reading the venue", reading.Phase);
        Assert.Equal([1, 1, 1, 2, 2, 3], training.Epochs.Select(e => e.Trial));
        Assert.Equal("training", training.Phase);
        Assert.False(progress.Current.Running);
        Assert.Equal("rejected: does not beat popularity", progress.Current.Outcome);
        Assert.Equal(6, progress.Current.Epochs.Count);
    }
}
