using KtvRec.Domain;
using KtvRec.Domain.Simulation;
using KtvRec.Domain.Storage;
using KtvRec.Training.Evaluation;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Pipeline;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>train: from the service's database (or a simulated venue) to a saved model, judged as the service's gate judges it.</summary>
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
        var from = args.Text("from");
        var defaults = VenueTrainingOptions.Defaults;
        var options = ModelArguments.ReadVenueTraining(args);
        options = options with
        {
            HeldOut = options.HeldOut with
            {
                Fraction = args.Double("validation", defaults.HeldOut.Fraction, 0.01, 0.9),
                GateUsers = args.Int("ranking-users", defaults.HeldOut.GateUsers, 1, 1_000_000),
            },
            Incremental = new IncrementalOptions(
                args.Int("incremental-epochs", defaults.Incremental.Epochs, 1, 100), args.Double("replay", defaults.Incremental.Replay, 0, 100)),
        };
        args.RefuseUnknown();
        if (outDirectory is not null && Directory.Exists(outDirectory) && Directory.EnumerateFileSystemEntries(outDirectory).Any())
            throw new IOException($"--out {outDirectory} already holds files; give an empty or new folder.");

        using var startFrom = from is null ? null : ModelDirectory.Load(from);
        if (startFrom is not null && !VenueTraining.CanGrow(startFrom, options))
        {
            var shape = startFrom.Metadata.Shape;
            throw new UsageException(
                $"--from {from}: its model ({shape.Kind}, embedding {shape.EmbeddingDim}, DNN {string.Join(',', shape.HiddenLayers)}, dropout {shape.Dropout}) " +
                "is not of the shape these options train; give the same model options, or train from scratch.");
        }

        var window = windowDays == 0 ? (TimeSpan?)null : TimeSpan.FromDays(windowDays);
        NativeMemory.LimitFragmentation();
        var logger = new ErrorLog(error);
        var memory = new PeakMemory(logger);
        var venue = await HistoryAsync(simulated?.ToSnapshot(), dataDirectory, postgres, window, memory);
        var (model, report) = VenueTraining.Train(venue, options, logger, memory: memory, startFrom: startFrom);
        using (model)
        {
            var result = new Dictionary<string, object?>
            {
                ["model"] = options.Kind.ToString().ToLowerInvariant(),
                ["version"] = model.Metadata.Version,
            };
            foreach (var (name, value) in report.ToMetrics()) result[name] = value;
            if (simulated is not null)
            {
                // The simulator's true probabilities over the whole catalog, for the same gate users.
                var held = HeldOutUsers.Split(venue, options.HeldOut);
                var catalog = new CatalogRows(venue.Songs);
                var popularity = SongPopularity.At(held.Known, held.End, options.Pipeline.PopularityWindowDays, catalog);
                var oracle = OracleEvaluation.Ranking(simulated.Oracle, new PipelineEvaluation(new RecommendationPipeline(options.Pipeline), venue, popularity), catalog, held.Gate);
                result[$"oracle_recall@{report.Ranking.K}"] = oracle.Recall;
                result[$"oracle_ndcg@{report.Ranking.K}"] = oracle.Ndcg;
            }
            result["epochs"] = report.Epochs;
            result["train_seconds"] = report.TrainSeconds;
            result["train_samples_per_sec"] = report.SamplesPerSecond;
            result["embedding_dim"] = model.Metadata.Shape.EmbeddingDim;
            result["learning_rate"] = model.Metadata.Trainer.LearningRate;

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

    /// <summary>The venue's history; the snapshot it is built from is not kept, so training runs without its events.</summary>
    private static async Task<VenueHistory> HistoryAsync(VenueSnapshot? simulated, string? dataDirectory, string? postgres, TimeSpan? window, PeakMemory memory)
    {
        var snapshot = simulated ?? await ReadDatabaseAsync(dataDirectory, postgres, window);
        memory.StageEnded("snapshot");
        return VenueHistory.From(snapshot);
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
