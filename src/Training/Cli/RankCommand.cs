using KtvRec.Training.Data;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Cli;

/// <summary>
/// rank: the ranking evaluation anyone can run on their own interactions: a per-user holdout, then Recall@K and
/// NDCG@K of popularity, item-kNN, EASE and the service's pipeline on the same held-out users, as JSON.
/// </summary>
public static class RankCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var path = args.RequiredText("interactions");
        var holdout = args.Double("holdout", 0.2, 0.01, 0.9);
        var minWeight = args.Double("min-weight", double.NegativeInfinity);
        var users = args.Int("ranking-users", 1000, 1, 10_000_000);
        var k = args.Int("k", 20, 1, 1000);
        var easeSongs = args.Int("ease-songs", 10_000, 0, 30_000);
        var easeLambda = args.Double("ease-lambda", Ease.DefaultLambda, 0, 1e9);
        var json = args.Text("json");
        var (kind, embeddingDim, hidden, dropout, trainer) = ModelOptions.Read(args);
        var negatives = args.Int("negatives", VenueTrainingOptions.Defaults.Dataset.NegativeRatio, 0, 100);
        var popularNegatives = args.Double("popular-negatives", VenueTrainingOptions.Defaults.Dataset.PopularNegativeShare, 0, 1);
        var pipeline = ModelOptions.ReadPipeline(args, VenueTrainingOptions.Defaults with { EaseLambda = easeLambda });
        args.RefuseUnknown();

        var rows = InteractionsFile.Read(path);
        var venue = InteractionsFile.ToVenue(rows, minWeight, DateTime.UtcNow.Date, trainer.Seed);
        if (venue.Events.Count == 0) throw new InvalidDataException($"No interactions in {path} have a weight of at least {minWeight}.");
        var dataset = new DatasetOptions(negatives, holdout, MinCount: 1, trainer.Seed, popularNegatives);
        var data = KtvDataset.BuildHoldout(venue, dataset);
        var options = pipeline with
        {
            Kind = kind, EmbeddingDim = embeddingDim, Hidden = hidden, Dropout = dropout,
            Dataset = dataset, Trainer = trainer,
            RankingK = k, RankingUsers = users, Discovery = true,
        };
        var (model, report) = VenueTraining.Train(data, options, onEpoch: JsonOutput.Progress(error));
        using (model)
        {
            var result = new Dictionary<string, object?>
            {
                ["interactions"] = venue.Events.Count,
                ["users"] = venue.Users.Count,
                ["songs"] = venue.Songs.Count,
                ["holdout"] = holdout,
                ["seed"] = trainer.Seed,
                ["ranking_users"] = report.Ranking.Users,
            };
            foreach (var (name, value) in report.ToMetrics()) result[name] = value;
            if (easeSongs > 0)
            {
                var ease = Ease.Fit(data.TrainInteractions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId)), easeLambda, easeSongs);
                var (recall, ndcg) = RankingEvaluator.EvaluateRanker(ease.Rank, data, k, users, trainer.Seed, discovery: true);
                result[$"ease_recall@{k}"] = recall;
                result[$"ease_ndcg@{k}"] = ndcg;
            }
            result["epochs"] = report.Epochs;
            result["best_epoch"] = report.BestEpoch;
            result["train_seconds"] = report.TrainSeconds;
            result["embedding_dim"] = model.Metadata.Shape.EmbeddingDim;
            result["learning_rate"] = model.Metadata.Trainer.LearningRate;
            await JsonOutput.WriteAsync(result, json, output);
        }
        return 0;
    }
}
