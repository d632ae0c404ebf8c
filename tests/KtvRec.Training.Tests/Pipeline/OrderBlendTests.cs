using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Pipeline;

public sealed class OrderBlendTests
{
    private static readonly Lazy<(TrainedModel Model, VenueTrainingReport Report)> Trained = new(() => VenueTraining.Train(SmallVenue.Snapshot, SmallVenue.Options()));

    [Fact]
    public void AScoreIsTheRankersLogOddsLessTheWeightedLogOfItsPlace()
    {
        Assert.Equal(0, OrderBlend.Score(0.5f, 0, 2), 9);
        Assert.Equal(Math.Log(3) - 0.5 * Math.Log(5), OrderBlend.Score(0.75f, 4, 0.5), 6);
        Assert.True(OrderBlend.Score(0.6f, 10, 1) > OrderBlend.Score(0.5f, 10, 1));
        Assert.True(OrderBlend.Score(0.5f, 1, 1) > OrderBlend.Score(0.5f, 2, 1));
        Assert.True(double.IsFinite(OrderBlend.Score(1f, 0, 1)) && double.IsFinite(OrderBlend.Score(0f, 0, 1)));
    }

    [Fact]
    public void TheRetrainChoosesABlendPerKindOfListAndTheModelCarriesIt()
    {
        var (model, report) = Trained.Value;
        var blend = model.Metadata.Blend;

        Assert.NotNull(blend);
        Assert.Contains(blend.Default, OrderBlend.Weights);
        Assert.Contains(blend.Discovery, OrderBlend.Weights);
        Assert.Equal(blend.Default, report.ToMetrics()["blend_default"]);
        Assert.Equal(blend.Discovery, report.ToMetrics()["blend_discovery"]);
        Assert.Equal(blend, ServedModel.Prepare(model, SmallVenue.Snapshot.Songs).Blend);
    }

    [Fact]
    public void EachKindOfListIsOrderedByItsOwnWeight()
    {
        var (pipeline, served, evaluation, users, popularity) = Setup();
        // The ranker alone for a default list, the candidates' own order for a discovery list.
        var model = served.With(new OrderBlend(0, 1_000));

        foreach (var user in users)
        {
            var list = pipeline.Score(evaluation.Request(user, discovery: false), model, popularity);
            var fresh = pipeline.Score(evaluation.Request(user, discovery: true), model, popularity);

            Assert.False(list.Request.Discovery);
            Assert.True(fresh.Request.Discovery);
            Assert.Equal(Rows(pipeline.Order(list, model, 20, 0)), Rows(pipeline.Order(list, model, 20)));
            Assert.Equal(Rows(pipeline.OrderWithoutModel(fresh, model, 20)), Rows(pipeline.Order(fresh, model, 20)));
        }
    }

    [Fact]
    public void ChoosingABlendKeepsTheWeightWhoseListsRankTheUsersBest()
    {
        var (_, served, evaluation, users, _) = Setup();

        var chosen = evaluation.ChooseBlend(served, users);

        double Ndcg(double weight, bool discovery) => users.Where(u => !discovery || u.RelevantNew.Count > 0).Sum(user =>
            PipelineEvaluation.Quality(evaluation.List(served.With(new OrderBlend(weight, weight)), user, discovery), discovery ? user.RelevantNew : user.Relevant, 20).Ndcg);
        foreach (var weight in OrderBlend.Weights)
        {
            Assert.True(Ndcg(chosen.Default, false) >= Ndcg(weight, false) - 1e-9, $"default lists: weight {weight} ranks better than the chosen {chosen.Default}");
            Assert.True(Ndcg(chosen.Discovery, true) >= Ndcg(weight, true) - 1e-9, $"discovery lists: weight {weight} ranks better than the chosen {chosen.Discovery}");
        }
    }

    /// <summary>The trained model served, and the gate's users of the venue it was trained on.</summary>
    private static (RecommendationPipeline Pipeline, ServedModel Served, PipelineEvaluation Evaluation, List<HeldOutUser> Users, SongPopularity Popularity) Setup()
    {
        var served = ServedModel.Prepare(Trained.Value.Model, SmallVenue.Snapshot.Songs);
        var venue = VenueHistory.From(SmallVenue.Snapshot);
        var pipeline = new RecommendationPipeline(PipelineOptions.Defaults);
        var held = HeldOutUsers.Split(venue, new HeldOutOptions());
        var popularity = SongPopularity.At(held.Known, held.End, PipelineOptions.Defaults.PopularityWindowDays, served.Rows);
        return (pipeline, served, new PipelineEvaluation(pipeline, venue, popularity), [.. held.Gate.Take(30)], popularity);
    }

    private static List<int> Rows(List<ScoredCandidate> list) => list.ConvertAll(c => c.Candidate.Row);
}
