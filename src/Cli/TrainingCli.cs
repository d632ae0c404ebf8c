using System.Data.Common;
using KtvRec.Training.Data;
using KtvRec.Training.Trainer;

namespace KtvRec.Cli;

/// <summary>The offline command line: train on a venue's database or a simulated one, evaluate on files, simulate files.</summary>
public static class TrainingCli
{
    public const string Usage = """
        Usage: dotnet run --project src/Cli -c Release -- <verb> [options]

          train     --data DIR | --postgres CONNECTION | --simulate true [--sim-seed N] [--songs N] [--users N]
                    [--sessions N] [--days N] [--window-days N] [--out DIR] [--validation 0.1] [--ranking-users N]
                    [--from MODEL_DIR [--incremental-epochs 1] [--replay 1]] [--json FILE] {model} {pipeline}
                    Trains on the service's SQLite database in DIR (its data directory), on its PostgreSQL database (an
                    Npgsql connection string) or on a simulated venue, exactly as the service's retrain does, reports
                    what its gate reports (Recall@20 / NDCG@20 of held-out users beside popularity, item-kNN and EASE;
                    the simulator's oracle too) and saves the model to --out (default DIR/models/<version> for --data).
                    --window-days N reads only the newest N days of events (the service's KtvRec:Training:WindowDays);
                    0, the default, reads them all. --from MODEL_DIR grows that saved model instead of training from
                    scratch, as the service's incremental retrain does: its λ kept, --incremental-epochs passes over the
                    queries of users who sang since its data and --replay times as many older ones.
          evaluate  --train FILE --test FILE --format libfm|libffm|csv [--min-count N] [--json FILE] {model}
                    Trains on FILE (its last 10 % for early stopping) and reports test AUC and logloss as JSON.
          rank      --interactions FILE [--holdout 0.2] [--min-weight X] [--k 20] [--ranking-users N]
                    [--reference-songs 10000] [--json FILE] {model} {pipeline}
                    Reads a user,item[,timestamp][,weight] CSV (rows under --min-weight left out), holds out a seeded
                    --holdout share of each user's items, trains on the rest as the service would, and reports the
                    lists a jukebox would get (default and discovery) beside popularity, item-kNN and EASE at its best
                    (over --reference-songs items; 0 skips it), as JSON.
          simulate  --out DIR [--sim-seed N] [--songs N] [--users N] [--sessions N] [--days N] [--test 0.2]
                    Writes a simulated venue's ranker rows (the candidates the pipeline generates, labeled) as train/test
                    files in libfm, libffm and csv, with the oracle's true probabilities beside them (*.oracle.txt).

        {model}:    
        """ + ModelArguments.Usage + """

        {pipeline}: 
        """ + ModelArguments.PipelineUsage;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        try
        {
            var options = new CliArguments(args.Skip(1));
            return args[0] switch
            {
                "train" => await TrainCommand.RunAsync(options, output, error),
                "evaluate" => await EvaluateCommand.RunAsync(options, output, error),
                "rank" => await RankCommand.RunAsync(options, output, error),
                "simulate" => await SimulateCommand.RunAsync(options, output, error),
                _ => throw new UsageException($"Unknown verb '{args[0]}'; use train, evaluate, rank or simulate."),
            };
        }
        catch (UsageException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception exception) when (exception is DataFormatException or DbException or IOException or UnauthorizedAccessException or InvalidDataException or InvalidOperationException or TrainingFailedException)
        {
            // One line naming the problem, as for bad options; a stack trace is for bugs, not for bad input.
            await error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }
    }
}
