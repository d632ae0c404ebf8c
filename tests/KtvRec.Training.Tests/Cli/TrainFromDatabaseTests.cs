using System.Text.Json;
using KtvRec.Domain.Storage;
using KtvRec.Training.ModelFiles;
using Microsoft.Data.Sqlite;

namespace KtvRec.Training.Tests.Cli;

public sealed class TrainFromDatabaseTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ktvrec-db-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task TrainReadsTheServicesDatabaseAndSavesAModelBesideIt()
    {
        await using (var db = new KtvDbContext(SqliteStore.Options(_dataDirectory)))
        {
            await SqliteStore.MigrateAsync(db, CancellationToken.None);
            var venue = SmallVenue.Snapshot;
            db.Users.AddRange(venue.Users);
            db.Songs.AddRange(venue.Songs);
            db.Sessions.AddRange(venue.Sessions);
            db.Events.AddRange(venue.Events.Select(e => new Domain.Events.PlayEvent
            {
                ClientEventId = e.ClientEventId, Type = e.Type, UserId = e.UserId, SongId = e.SongId, SessionId = e.SessionId,
                OccurredAt = e.OccurredAt, ReceivedAt = e.ReceivedAt, Progress = e.Progress, Score = e.Score,
            }));
            await db.SaveChangesAsync();
        }

        var (code, output, error) = await TrainingCliTests.RunAsync(
            ["train", "--data", _dataDirectory, "--model", "fm", "--epochs", "2", "--embedding-dim", "4", "--threads", "2", "--ranking-users", "10"]);

        Assert.True(code == 0, error);
        var modelDirectory = JsonDocument.Parse(output).RootElement.GetProperty("model_dir").GetString()!;
        Assert.StartsWith(Path.Combine(_dataDirectory, "models"), modelDirectory);
        using var model = ModelDirectory.Load(modelDirectory);
        Assert.Equal(KtvRec.Training.Models.ModelKind.Fm, model.Metadata.Shape.Kind);
        Assert.NotNull(model.Metadata.DataFrom);
    }
}
