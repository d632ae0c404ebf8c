using BenchmarkDotNet.Attributes;
using KtvRec.Api.Serving;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Trainer;

namespace KtvRec.Bench.Micro;

/// <summary>
/// The parts of one recommendation request through the pipeline: the candidates and their signals, scoring them (the
/// managed scorer beside libtorch on whole rows), the whole list, preparing a model's catalog, leasing the served model.
/// </summary>
[MemoryDiagnoser]
public class ServingBenchmarks
{
    private ServedModelFixture _fixture = null!;
    private RecommendationPipeline _pipeline = null!;
    private CandidateList _candidates = null!;
    private List<int> _rows = null!;
    private FeatureTable _table = null!;
    private ModelHolder _holder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new ServedModelFixture();
        _pipeline = new RecommendationPipeline(PipelineOptions.Defaults);
        _candidates = Candidates();
        _rows = _candidates.Candidates.Select(c => c.Row).ToList();
        var userSide = KtvFeatures.UserSide(_fixture.User, _fixture.Request.Context, _fixture.Request.History);
        _table = FeatureTable.Encode(_fixture.Model.Space, _rows.Select((row, i) =>
            KtvFeatures.Row(KtvFeatures.SongSide(_fixture.Catalog[row]), userSide, _candidates.Pairs[i], label: 0)).ToList(), KtvFeatures.Slots);
        _holder = new ModelHolder();
        var leased = new ServedModelFixture();
        _holder.Swap(leased.Model, leased.Catalog);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _holder.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Description = "candidates and their signals (history, EASE, walk, popular)")]
    public CandidateList Candidates() =>
        _pipeline.Candidates(_fixture.Request, _fixture.Served.Rows, _fixture.Served.Similarity, _fixture.Popularity);

    [Benchmark(Description = "user side and score (CatalogScorer, managed)")]
    public float[] PrepareAndScore() =>
        _fixture.Served.Scorer.Score(_fixture.Served.Scorer.Prepare(_fixture.User, _fixture.Request.Context, _fixture.Request.History), _rows, _candidates.Pairs);

    [Benchmark(Description = "score encoded candidates (libtorch, whole rows)")]
    public float[] ScoreEncoded() => Predictor.Predict(_fixture.Model.Model, _table);

    [Benchmark(Description = "the whole list (RecommendationPipeline.Rank)")]
    public int Rank() => _pipeline.Rank(_fixture.Request, _fixture.Served, _fixture.Popularity).Count;

    [Benchmark(Description = "prepare the catalog (ServedModel.Prepare, once per model)")]
    public int PrepareCatalog() =>
        ServedModel.Prepare(_fixture.Model.Model, _fixture.Model.Space, _fixture.Model.Similarity, _fixture.Catalog).Rows.Count;

    [Benchmark(Description = "lease acquire + release")]
    public bool AcquireAndRelease()
    {
        using var lease = _holder.Acquire();
        return lease is not null;
    }
}
