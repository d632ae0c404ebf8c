using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Micro;

/// <summary>
/// A model as the service serves it (the default DeepFM shape over a simulated venue's ranker vocabulary, EASE's and
/// the walk's weights), with a regular's request and the venue's popularity. Untrained weights: scoring costs the
/// same whatever their values.
/// </summary>
public sealed class ServedModelFixture : IDisposable
{
    public ServedModelFixture()
    {
        var venue = VenueSimulator.Generate(new SimulationOptions { Songs = 3000, Users = 300, Sessions = 600 }).ToSnapshot();
        var options = VenueTrainingOptions.Defaults with { Rows = VenueTrainingOptions.Defaults.Rows with { Folds = 1 } };
        var rows = RankerDataset.Build(venue, options, minCount: 2);
        var shape = new ModelShape(ModelKind.DeepFm, rows.Space.Size, rows.Space.FieldCount, options.EmbeddingDim, options.Hidden, options.Dropout);
        var model = CtrModel.Create(shape);
        model.eval();
        var metadata = new ModelMetadata(
            "bench", shape, KtvFeatures.Slots, new TrainerOptions(), new Dictionary<string, double>(), null, null, DateTime.UtcNow, 0, 0, "bench", Ease.DefaultLambda);
        var history = VenueHistory.From(venue);
        var positives = history.Interactions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();
        Model = new TrainedModel(model, rows.Space, metadata, SongSimilarity.Fit(positives, new SimilarityOptions()));
        Served = ServedModel.Prepare(model, rows.Space, Model.Similarity, venue.Songs);
        Popularity = SongPopularity.At(history.Interactions, history.End!.Value, 30, Served.Rows);
        Catalog = venue.Songs;
        // A regular's request: the busiest user's songs, as many as a request reads.
        var regular = history.UserIds.MaxBy(id => history.TimelineOf(id)!.Interactions.Count)!;
        User = history.Users.GetValueOrDefault(regular);
        Request = ListRequest.At(history, regular, history.End!.Value.AddMinutes(1), PlayContext.At(new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc), 4),
            discovery: false, PipelineOptions.Defaults, 20);
    }

    public TrainedModel Model { get; }
    public ServedModel Served { get; }
    public SongPopularity Popularity { get; }
    public User? User { get; }
    public ListRequest Request { get; }
    public IReadOnlyList<KtvRec.Domain.Songs.Song> Catalog { get; }

    public void Dispose() => Model.Dispose();
}
