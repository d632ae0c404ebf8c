using KtvRec.Cli;
using KtvRec.Training.ModelFiles;

namespace KtvRec.Api.Tests.Retraining;

/// <summary>
/// Training reads only the newest <c>WindowDays</c> of events; the demo venue spans 14 days, a window of 5 days less.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class TrainingWindowTests
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(5);

    [Fact]
    public async Task ARetrainLearnsFromTheNewestWindowDaysOnly()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings(("KtvRec:Training:WindowDays", $"{Window.Days}"), SmallDemo.LenientGate));

        var run = await TrainedVenue.RetrainAsync(app.CreateClient());

        Assert.True(run.Status == "active", $"{run.Status}: {run.Reason}");
        AssertSpansTheWindow(run.DataFrom, run.DataTo);
    }

    [Fact]
    public async Task TheOfflineTrainerReadsTheServicesDatabaseWithinTheSameWindow()
    {
        await using var app = new KtvRecApp(SmallDemo.Settings());
        app.CreateClient();
        string[] source = TestDatabase.IsPostgres
            ? ["--postgres", TestDatabase.ConnectionString(app.DataDirectory)]
            : ["--data", app.DataDirectory];
        var modelDirectory = Path.Combine(app.DataDirectory, "offline-model");
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await TrainingCli.RunAsync(
            ["train", .. source, "--window-days", $"{Window.Days}", "--out", modelDirectory,
             "--model", "fm", "--epochs", "2", "--embedding-dim", "4", "--threads", "2", "--ranking-users", "10"],
            output, error);

        Assert.True(code == 0, error.ToString());
        using var model = ModelDirectory.Load(modelDirectory);
        AssertSpansTheWindow(model.Metadata.DataFrom, model.Metadata.DataTo);
    }

    private static void AssertSpansTheWindow(DateTime? from, DateTime? to)
    {
        Assert.NotNull(from);
        Assert.NotNull(to);
        // Most of the window (the venue sings every day), never more of it.
        Assert.InRange(to.Value - from.Value, Window - TimeSpan.FromDays(1), Window);
    }
}
