using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Micro;

/// <summary>
/// A model as the service serves it (the default DeepFM shape over a simulated venue's vocabulary), with one user and
/// a request's worth of candidate songs, a history and the neighbours of EASE and cosine. Untrained weights: scoring costs the same whatever their values.
/// </summary>
public sealed class ServedModelFixture : IDisposable
{
    public ServedModelFixture(int candidates, IReadOnlyList<int>? hidden = null)
    {
        var venue = VenueSimulator.Generate(new SimulationOptions { Songs = 3000, Users = 300, Sessions = 600 }).ToSnapshot();
        var data = KtvDataset.Build(venue, new DatasetOptions());
        var shape = new ModelShape(ModelKind.DeepFm, data.Space.Size, data.Space.FieldCount, 10, hidden ?? ModelShape.DefaultHidden, 0.2);
        var model = CtrModel.Create(shape);
        model.eval();
        var metadata = new ModelMetadata(
            "bench", shape, KtvFeatures.Slots, new TrainerOptions(), new Dictionary<string, double>(),
            null, null, DateTime.UtcNow, 0, 0, "bench");
        var positives = data.TrainInteractions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList();
        Model = new TrainedModel(model, data.Space, metadata, Ease.Fit(positives).Neighbours().Over(SongNeighbours.Build(positives)));
        User = venue.Users[0];
        Songs = venue.Songs.Take(candidates).ToList();
        Catalog = venue.Songs;
        // A regular's request: the most recent songs a request reads, and the venue's songs by popularity.
        History = positives.Select(p => p.SongId).Reverse().Take(CandidateGenerator.MaxHistory * 2).ToList();
        Popular = positives.GroupBy(p => p.SongId).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
    }

    public TrainedModel Model { get; }
    public User User { get; }
    public IReadOnlyList<Song> Songs { get; }
    public IReadOnlyList<Song> Catalog { get; }
    public IReadOnlyList<string> History { get; }
    public IReadOnlyList<string> Popular { get; }
    public PlayContext Context { get; } = PlayContext.At(new DateTime(2026, 11, 26, 20, 0, 0, DateTimeKind.Utc), 4);

    public void Dispose() => Model.Dispose();
}
