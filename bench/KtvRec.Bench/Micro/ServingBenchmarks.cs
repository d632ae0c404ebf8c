using BenchmarkDotNet.Attributes;
using KtvRec.Api.Serving;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Micro;

/// <summary>
/// The parts of one recommendation request: encoding the candidates, scoring them (libtorch on whole rows beside the
/// managed <see cref="CatalogScorer"/> with its prepared song sides), retrieval over the catalog, leasing the served model.
/// </summary>
[MemoryDiagnoser]
public class ServingBenchmarks
{
    private ServedModelFixture _fixture = null!;
    private FeatureTable _table = null!;
    private ModelHolder _holder = null!;
    private CatalogScorer _scorer = null!;

    [Params(500)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new ServedModelFixture(Candidates);
        _table = EncodeCandidates();
        _scorer = CatalogScorer.Build(_fixture.Model.Model, _fixture.Model.Space, _fixture.Catalog);
        _holder = new ModelHolder();
        var leased = new ServedModelFixture(1);
        _holder.Swap(leased.Model, leased.Catalog);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _holder.Dispose();
        _fixture.Dispose();
    }

    /// <summary>As many recent songs as a regular's request carries.</summary>
    private IReadOnlyList<string> RecentSongs => _fixture.Songs.Take(KtvFeatures.MaxRecentSongs).Select(s => s.Id).ToList();

    [Benchmark(Description = "encode candidates")]
    public FeatureTable EncodeCandidates()
    {
        var rows = _fixture.Songs.Select(song => KtvFeatures.Row(_fixture.User, _fixture.User.Id, song, _fixture.Context, label: 0, RecentSongs));
        return FeatureTable.Encode(_fixture.Model.Space, rows, KtvFeatures.Slots);
    }

    [Benchmark(Description = "score encoded candidates (libtorch, whole rows)")]
    public float[] ScoreEncoded() => Predictor.Predict(_fixture.Model.Model, _table);

    [Benchmark(Description = "user side and score (CatalogScorer, managed)")]
    public float[] EncodeAndScore() => _scorer.Score(_scorer.Prepare(_fixture.User, _fixture.User.Id, _fixture.Context, RecentSongs), _fixture.Songs);

    [Benchmark(Description = "user side alone (CatalogScorer.Prepare)")]
    public object PrepareUserSide() => _scorer.Prepare(_fixture.User, _fixture.User.Id, _fixture.Context, RecentSongs);

    [Benchmark(Description = "prepare the catalog (CatalogScorer.Build, once per model)")]
    public int PrepareCatalog() => CatalogScorer.Build(_fixture.Model.Model, _fixture.Model.Space, _fixture.Catalog).Count;

    [Benchmark(Description = "candidates (history, similar songs, popular)")]
    public int GenerateCandidates() =>
        CandidateGenerator.Generate(_fixture.Model.Neighbours, _fixture.History, _fixture.Popular, _ => true, Candidates).Count;

    [Benchmark(Description = "model retrieval over the catalog (top 100)")]
    public int RetrieveFromCatalog() =>
        _scorer.Top(_scorer.Prepare(_fixture.User, _fixture.User.Id, _fixture.Context, RecentSongs), Candidates / 5).Length;

    [Benchmark(Description = "lease acquire + release")]
    public bool AcquireAndRelease()
    {
        using var lease = _holder.Acquire();
        return lease is not null;
    }
}
