using System.Text.Json;
using KtvRec.Domain;
using KtvRec.Domain.Storage;
using KtvRec.Training.Data;
using KtvRec.Training.ModelFiles;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Training.Tests.Cli;

public sealed class TrainFromDatabaseTests
{
    [Fact]
    public async Task TrainReadsTheServicesDatabaseAndSavesAModelBesideIt()
    {
        using var data = new DataDirectory();
        await SmallVenue.SaveAsync(data.Path);

        var (code, output, error) = await TrainingCliTests.RunAsync(
            ["train", "--data", data.Path, "--model", "fm", "--epochs", "2", "--embedding-dim", "4", "--threads", "2", "--ranking-users", "10"]);

        Assert.True(code == 0, error);
        var modelDirectory = JsonDocument.Parse(output).RootElement.GetProperty("model_dir").GetString()!;
        Assert.StartsWith(Path.Combine(data.Path, "models"), modelDirectory);
        using var model = ModelDirectory.Load(modelDirectory);
        Assert.Equal(KtvRec.Training.Models.ModelKind.Fm, model.Metadata.Shape.Kind);
        Assert.NotNull(model.Metadata.DataFrom);
    }

    /// <summary>A model trained on the venue's first twelve days, grown by the last two as the service's incremental retrain grows it.</summary>
    [Fact]
    public async Task TrainFromASavedModelGrowsItByTheEventsSinceItsData()
    {
        using var early = new DataDirectory();
        using var all = new DataDirectory();
        await SmallVenue.SaveAsync(early.Path);
        await SmallVenue.SaveAsync(all.Path);
        var cut = SmallVenue.Snapshot.Events.Max(e => e.OccurredAt).AddDays(-2);
        await using (var db = new KtvDbContext(SqliteStore.Options(early.Path)))
            await db.Events.Where(e => e.OccurredAt > cut).ExecuteDeleteAsync();
        string[] model = ["--model", "fm", "--epochs", "2", "--embedding-dim", "4", "--threads", "2", "--ranking-users", "10"];
        var trained = await TrainingCliTests.RunAsync(["train", "--data", early.Path, .. model]);
        Assert.True(trained.Code == 0, trained.Error);
        var firstDirectory = JsonDocument.Parse(trained.Output).RootElement.GetProperty("model_dir").GetString()!;

        var grown = await TrainingCliTests.RunAsync(["train", "--data", all.Path, "--from", firstDirectory, .. model]);
        var otherShape = await TrainingCliTests.RunAsync(["train", "--data", all.Path, "--from", firstDirectory, "--model", "fm", "--embedding-dim", "8"]);

        Assert.True(grown.Code == 0, grown.Error);
        var result = JsonDocument.Parse(grown.Output).RootElement;
        Assert.Equal(1, result.GetProperty("incremental").GetDouble());
        using var first = ModelDirectory.Load(firstDirectory);
        using var next = ModelDirectory.Load(result.GetProperty("model_dir").GetString()!);
        Assert.Equal(first.Metadata.Version, next.Metadata.StartedFrom);
        Assert.True(next.Metadata.DataTo > first.Metadata.DataTo);
        Assert.Equal(2, otherShape.Code);
        Assert.Contains("is not of the shape these options train", otherShape.Error);
    }

    /// <summary>The window as a retrain reads it: compact events, one string per id, the same rows as the venue's own.</summary>
    [Fact]
    public async Task TheDatabasesCompactEventsGiveTheSameTrainingRowsAsTheVenueItself()
    {
        using var data = new DataDirectory();
        await SmallVenue.SaveAsync(data.Path);

        await using var db = new KtvDbContext(SqliteStore.Options(data.Path));
        var read = await SnapshotReader.ReadAsync(db, window: null, CancellationToken.None);

        var expected = SmallVenue.Snapshot.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.SongId, StringComparer.Ordinal).ThenBy(e => e.Type);
        Assert.Equal(expected, read.Events.OrderBy(e => e.OccurredAt).ThenBy(e => e.UserId, StringComparer.Ordinal).ThenBy(e => e.SongId, StringComparer.Ordinal).ThenBy(e => e.Type));
        // One string per id, shared by the events and the users and songs they name.
        var users = read.Users.ToDictionary(u => u.Id);
        Assert.All(read.Events, e => Assert.Same(users[e.UserId].Id, e.UserId));

        var (fromVenue, fromDatabase) = (Encoded(SmallVenue.Snapshot), Encoded(read));
        Assert.True(fromVenue.Count > 1000, $"{fromVenue.Count} rows");
        Assert.Equal(fromVenue.Labels, fromDatabase.Labels);
        Assert.Equal(fromVenue.Indices, fromDatabase.Indices);
        Assert.Equal(fromVenue.Values, fromDatabase.Values);
        Assert.Equal(fromVenue.Fields, fromDatabase.Fields);
    }

    private static FeatureTable Encoded(VenueSnapshot snapshot)
    {
        var rows = SmallVenue.RankerRows(snapshot);
        return rows.Encode(rows.FitSpace(minCount: 2));
    }
}
