using KtvRec.Domain;
using KtvRec.Domain.Events;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Simulation;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests;

/// <summary>A small simulated venue and quick training settings shared by the tests (built once per run).</summary>
public static class SmallVenue
{
    public static readonly SimulatedVenue Venue = VenueSimulator.Generate(new SimulationOptions
    {
        Seed = 3, Songs = 300, Artists = 40, Users = 80, Sessions = 160, Days = 14,
    });

    public static readonly VenueSnapshot Snapshot = Venue.ToSnapshot();

    /// <summary>The venue's ranker rows, split as a retrain splits them, and their tables.</summary>
    public static readonly Lazy<(RankerDataset Rows, FeatureTable Train, FeatureTable Validation)> Rows = new(() =>
    {
        var rows = RankerDataset.Build(Snapshot, Options(), minCount: 2);
        return (rows, rows.Train.Encode(rows.Space), rows.HeldOut.Encode(rows.Space));
    });

    public static FeatureSpace Space => Rows.Value.Rows.Space;

    /// <summary>The venue as the service stores it: a SQLite database in <paramref name="dataDirectory"/>, every event with a client id.</summary>
    public static async Task SaveAsync(string dataDirectory)
    {
        await using var db = new KtvDbContext(SqliteStore.Options(dataDirectory));
        await SqliteStore.MigrateAsync(db, CancellationToken.None);
        db.Users.AddRange(Snapshot.Users);
        db.Songs.AddRange(Snapshot.Songs);
        db.Sessions.AddRange(Snapshot.Sessions);
        db.Events.AddRange(Snapshot.Events.Select((e, i) => new PlayEvent
        {
            ClientEventId = $"e{i}", Type = e.Type, UserId = e.UserId, SongId = e.SongId, SessionId = e.SessionId,
            OccurredAt = e.OccurredAt, ReceivedAt = e.OccurredAt, Progress = e.Progress, Score = e.Score,
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>The ranker's rows of <paramref name="snapshot"/>'s whole window, as the final fit builds them.</summary>
    public static RankerRows RankerRows(VenueSnapshot snapshot)
    {
        var venue = VenueHistory.From(snapshot);
        var options = Options();
        return KtvRec.Training.Trainer.RankerRows.Build(
            venue, venue.Interactions, new CatalogRows(snapshot.Songs), new RecommendationPipeline(options.Pipeline), new SimilarityOptions(), options.Rows, options.Seed);
    }

    public static VenueTrainingOptions Options(ModelKind kind = ModelKind.DeepFm) => VenueTrainingOptions.Defaults with
    {
        Kind = kind,
        EmbeddingDim = 8,
        Hidden = [32, 32],
        Dropout = 0.1,
        Trainer = new TrainerOptions { Epochs = 4, BatchSize = 256, LearningRate = 3e-3, Seed = 7, Threads = 2, Device = "cpu" },
        MinInteractions = 100,
    };
}
