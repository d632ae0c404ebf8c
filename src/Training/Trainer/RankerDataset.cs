using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Trainer;

/// <summary>
/// A venue's ranker rows split as a retrain splits them, outside a retrain: training rows from the known part, held-out
/// rows from every held-out user's candidates, and a vocabulary fitted on the training rows. What the CLI's
/// <c>simulate</c> exports and the training bench and tests train on.
/// </summary>
public sealed record RankerDataset(FeatureSpace Space, RankerRows Train, RankerRows HeldOut)
{
    public static RankerDataset Build(VenueSnapshot snapshot, VenueTrainingOptions options, int minCount)
    {
        var venue = VenueHistory.From(snapshot);
        var held = HeldOutUsers.Split(venue, options.HeldOut);
        var catalog = new CatalogRows(snapshot.Songs);
        var pipeline = new RecommendationPipeline(options.Pipeline);
        var similarity = new SimilarityOptions(options.EaseLambdas[0] is var lambda && options.EaseLambdas.Count == 1 ? lambda : Ease.DefaultLambda, options.EaseSongs);
        var popularity = SongPopularity.At(held.Known, held.End, options.Pipeline.PopularityWindowDays, catalog);
        var train = RankerRows.Build(venue, held.Known, catalog, pipeline, similarity, options.Rows, options.Seed);
        var weights = SongSimilarity.Fit(held.Known.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)).ToList(), similarity);
        var heldOut = RankerRows.ForHeldOut(
            [.. held.Gate, .. held.Weights, .. held.Epochs], new PipelineEvaluation(pipeline, venue, popularity), catalog, pipeline, weights, popularity);
        return new RankerDataset(train.FitSpace(minCount), train, heldOut);
    }
}
