using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Cli;

/// <summary>train: from the service's database (or a simulated venue) to a saved, evaluated model.</summary>
public static class TrainCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter error)
    {
        var dataDirectory = args.Text("data");
        var postgres = args.Text("postgres");
        var simulate = args.Text("simulate") is "true";
        if (new[] { dataDirectory is not null, postgres is not null, simulate }.Count(given => given) != 1)
            throw new UsageException("Give one of --data DIR (the service's SQLite data directory), --postgres CONNECTION or --simulate true.");
        var windowDays = args.Int("window-days", 0, 0, 3650);
        var simulated = simulate ? SimulationArguments.Generate(args) : null;
        var outDirectory = args.Text("out");
        var json = args.Text("json");
        var defaults = VenueTrainingOptions.Defaults;
        var dataset = new DatasetOptions(
            NegativeRatio: args.Int("negatives", defaults.Dataset.NegativeRatio, 0, 100),
            ValidationFraction: args.Double("validation", defaults.Dataset.ValidationFraction, 0.01, 0.9),
            MinCount: args.Int("min-count", defaults.Dataset.MinCount, 1, 1_000_000),
            PopularNegativeShare: args.Double("popular-negatives", defaults.Dataset.PopularNegativeShare, 0, 1));
        var rankingUsers = args.Int("ranking-users", defaults.RankingUsers, 1, 1_000_000);
        var (kind, embeddingDim, hidden, dropout, trainer) = ModelOptions.Read(args);
        var pipeline = ModelOptions.ReadPipeline(args, defaults);
        args.RefuseUnknown();
        if (outDirectory is not null && Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any())
            throw new IOException($"--out {outDirectory} already holds files; give an empty or new folder.");

        var window = windowDays == 0 ? (TimeSpan?)null : TimeSpan.FromDays(windowDays);
        var venue = simulated?.ToSnapshot() ?? await ReadDatabaseAsync(dataDirectory, postgres, window);
        var options = pipeline with
        {
            Kind = kind, EmbeddingDim = embeddingDim, Hidden = hidden, Dropout = dropout,
            Dataset = dataset with { Seed = trainer.Seed }, Trainer = trainer, RankingUsers = rankingUsers,
        };
        var (model, report, data) = VenueTraining.Train(venue, options, onEpoch: JsonOutput.Progress(error));
        using (model)
        {
            var result = new Dictionary<string, object?>
            {
                ["model"] = kind.ToString().ToLowerInvariant(),
                ["version"] = model.Metadata.Version,
            };
            foreach (var (name, value) in report.ToMetrics()) result[name] = value;
            if (simulated is not null)
            {
                result["oracle_auc"] = OracleEvaluation.Auc(simulated.Oracle, data);
                var oracle = OracleEvaluation.Ranking(simulated.Oracle, data, model.Neighbours, options.RankingK, rankingUsers, trainer.Seed);
                result[$"oracle_recall@{oracle.K}"] = oracle.Recall;
                result[$"oracle_ndcg@{oracle.K}"] = oracle.Ndcg;
            }
            result["ranking_users"] = report.Ranking.Users;
            result["epochs"] = report.Epochs;
            result["best_epoch"] = report.BestEpoch;
            result["train_seconds"] = report.TrainSeconds;
            result["embedding_dim"] = model.Metadata.Shape.EmbeddingDim;
            result["learning_rate"] = model.Metadata.Trainer.LearningRate;
            result["train_samples_per_sec"] = report.SamplesPerSecond;
            result["train_rows"] = report.TrainRows;
            result["validation_rows"] = report.ValidationRows;

            var directory = outDirectory ?? (dataDirectory is null ? null : Path.Combine(dataDirectory, "models", model.Metadata.Version));
            if (directory is not null)
            {
                ModelDirectory.Save(model, directory);
                result["model_dir"] = Path.GetFullPath(directory);
            }
            await JsonOutput.WriteAsync(result, json, output);
        }
        return 0;
    }

    private static async Task<VenueSnapshot> ReadDatabaseAsync(string? dataDirectory, string? postgres, TimeSpan? window)
    {
        if (postgres is null)
        {
            var file = Path.Combine(dataDirectory!, SqliteStore.DatabaseFileName);
            if (!File.Exists(file)) throw new FileNotFoundException($"There is no database at {file}.");
        }
        await using var db = KtvStore.Open(postgres is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, dataDirectory ?? "", postgres);
        return await SnapshotReader.ReadAsync(db, window, CancellationToken.None);
    }
}
