using BenchmarkDotNet.Attributes;
using KtvRec.Api.Serving;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Micro;

/// <summary>The parts of one recommendation request: encoding the candidates, scoring them, leasing the served model.</summary>
[MemoryDiagnoser]
public class ServingBenchmarks
{
    private ServedModelFixture _fixture = null!;
    private FeatureTable _table = null!;
    private ModelHolder _holder = null!;
    private ModelRetrieval _retrieval = null!;

    [Params(500)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new ServedModelFixture(Candidates);
        _table = EncodeCandidates();
        _retrieval = ModelRetrieval.Build(_fixture.Model.Model, _fixture.Model.Space, _fixture.Catalog);
        _holder = new ModelHolder();
        _holder.Swap(new ServedModelFixture(1).Model);
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

    [Benchmark(Description = "score encoded candidates")]
    public float[] ScoreEncoded() => Predictor.Predict(_fixture.Model.Model, _table);

    [Benchmark(Description = "encode and score (CatalogScorer)")]
    public float[] EncodeAndScore() => CatalogScorer.Score(_fixture.Model, _fixture.User.Id, _fixture.User, _fixture.Songs, _fixture.Context, RecentSongs);

    [Benchmark(Description = "candidates (history, similar songs, popular)")]
    public int GenerateCandidates() =>
        CandidateGenerator.Generate(_fixture.Model.Neighbours, _fixture.History, _fixture.Popular, _ => true, Candidates).Count;

    [Benchmark(Description = "model retrieval over the catalog (top 100)")]
    public int RetrieveFromCatalog() =>
        _retrieval.Top(KtvFeatures.UserSide(_fixture.User, _fixture.User.Id, _fixture.Context, RecentSongs), Candidates / 5).Count;

    [Benchmark(Description = "lease acquire + release")]
    public bool AcquireAndRelease()
    {
        using var lease = _holder.Acquire();
        return lease is not null;
    }
}
