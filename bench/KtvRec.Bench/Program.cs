using System.Globalization;
using BenchmarkDotNet.Running;
using KtvRec.Bench.Datasets;
using KtvRec.Bench.Ingest;
using KtvRec.Bench.Micro;
using KtvRec.Bench.Recommendations;
using KtvRec.Bench.Report;
using KtvRec.Bench.Scale;
using KtvRec.Bench.Stability;
using KtvRec.Bench.Training;
using KtvRec.Domain.Simulation;

// The measuring half of bench/run.sh: each verb measures one thing (the HTTP ones against a running service, from this
// separate process) and writes its section to the parts directory; `report` joins them.
const string UsageText = """
    Usage: KtvRec.Bench <verb> ...
      ingest URL PARTS CEILING_DIR
      recommendations URL PARTS DATA_DIR SONGS USERS CANDIDATES
      training PARTS EVENTS:EPOCHS[,EVENTS:EPOCHS...]
      quality PARTS DIR_WITH_CLI_JSON
      training-cli PARTS CLI_JSON
      soak URL PARTS SERVER_PID MINUTES
      startup-data DATA_DIR EVENTS
      startup PARTS EVENTS:SECONDS:USERS:RSS_MB[,...]
      datasets URL PARTS DATA_DIR lastfm|movielens DATASET_DIR
      incremental URL PARTS DATA_DIR
      scale-data DATA_DIR SONGS USERS SESSIONS DAYS INGEST_EVENTS HOUR_EVENTS
      scale URL PARTS DATA_DIR SERVER_PID USERS READY_SECONDS
      scale-restart PARTS DATA_DIR READY_SECONDS RSS_MB
      scale-serving URL PARTS DATA_DIR SERVER_PID USERS
      report PARTS RESULTS_DIR COMMAND
      drop-databases CONNECTION RUN
      micro PARTS [BenchmarkDotNet arguments]
    """;

if (args is ["micro", var microParts, ..])
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchSection).Assembly).Run(args[2..]);
    MicroSection.From(summaries).Save(microParts);
    return 0;
}

HttpClient Http(string url) => new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
var (section, partsDirectory) = args switch
{
    ["ingest", var url, var parts, var ceiling] => (await IngestBench.RunAsync(Http(url), ceiling), parts),
    ["recommendations", var url, var parts, var data, var songs, var users, var candidates] =>
        (await RecommendationBench.RunAsync(Http(url), data, int.Parse(songs), int.Parse(users), int.Parse(candidates), parts), parts),
    ["training", var parts, var sizes] =>
        (TrainingBench.Run(sizes.Split(',').Select(s => s.Split(':')).Select(p => (int.Parse(p[0]), int.Parse(p[1]))).ToList()), parts),
    ["quality", var parts, var directory] => (CliFigures.Quality(directory), parts),
    ["training-cli", var parts, var file] => (CliFigures.ReferenceShapeSpeed(file), parts),
    ["startup-data", var data, var events] => (null, await GrowAsync(data, long.Parse(events))),
    ["startup", var parts, var runs] => (StartupBench.Report(runs.Split(',').Select(r => r.Split(':')).Select(r =>
        (long.Parse(r[0]), double.Parse(r[1], CultureInfo.InvariantCulture), int.Parse(r[2]),
         double.Parse(r[3], CultureInfo.InvariantCulture))).ToList()), parts),
    ["soak", var url, var parts, var pid, var minutes] => (await SoakBench.RunAsync(Http(url), int.Parse(pid), int.Parse(minutes)), parts),
    ["datasets", var url, var parts, var data, "lastfm", var directory] =>
        (await DatasetBench.RunAsync(Http(url), data, PublicDataset.LastFm(directory, DateTimeOffset.UtcNow)), parts),
    ["datasets", var url, var parts, var data, "movielens", var directory] =>
        (await DatasetBench.RunAsync(Http(url), data, PublicDataset.MovieLens(directory, DateTimeOffset.UtcNow)), parts),
    ["incremental", var url, var parts, var data] => (await IncrementalBench.RunAsync(Http(url), data), parts),
    ["scale-data", var data, var songs, var users, var sessions, var days, var ingest, var hour] =>
        (null, await WriteChainAsync(data, new SimulationOptions
        {
            Seed = 7, Songs = int.Parse(songs), Artists = int.Parse(songs) / 10, Users = int.Parse(users), Sessions = int.Parse(sessions),
            Days = int.Parse(days), Rooms = 400, EndDate = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-4)),
        }, int.Parse(ingest), int.Parse(hour))),
    ["scale", var url, var parts, var data, var pid, var users, var ready] =>
        (await ScaleBench.RunAsync(Http(url), data, int.Parse(pid), int.Parse(users), double.Parse(ready, CultureInfo.InvariantCulture)), parts),
    ["scale-restart", var parts, var data, var ready, var rss] =>
        (await ScaleBench.AddRestartAsync(parts, data, double.Parse(ready, CultureInfo.InvariantCulture), double.Parse(rss, CultureInfo.InvariantCulture)), parts),
    ["scale-serving", var url, var parts, var data, var pid, var users] =>
        (await ServingOnlyAsync(Http(url), data, int.Parse(pid), int.Parse(users)), parts),
    ["report", var parts, var results, var command] => (null, Report(parts, results, command)),
    ["drop-databases", var connection, var run] => (null, await DropDatabasesAsync(connection, run)),
    _ => (null, null),
};
if (partsDirectory is null) return Usage();
if (section is null) return 0;
section.Save(partsDirectory);
Console.WriteLine(section.ToMarkdown());
return 0;

static int Usage()
{
    Console.Error.WriteLine(UsageText);
    return 2;
}

static string Report(string parts, string results, string command)
{
    var (json, markdown) = ReportWriter.Write(parts, results, command);
    Console.WriteLine($"Wrote {json} and {markdown}\n");
    Console.WriteLine(File.ReadAllText(markdown));
    return results;
}

static async Task<string> GrowAsync(string data, long events)
{
    await ChainHistory.GrowAsync(data, events);
    return data;
}

static async Task<string> WriteChainAsync(string data, SimulationOptions options, int ingest, int hour)
{
    await SimulatedChain.WriteAsync(data, options, ingest, hour);
    return data;
}

// GET /recommendations alone on a chain the scale section wrote (its data directory kept), the service already running.
static async Task<BenchSection> ServingOnlyAsync(HttpClient http, string data, int pid, int users)
{
    var runs = await ChainServing.MeasureAsync(http, data, users);
    var section = new SectionBuilder("scale-serving", "A chain on one node: serving alone (SQLite)", "measure", "figure", "detail");
    return (await ChainServing.AddRowsAsync(section, http, runs, pid)).Build();
}

static async Task<string> DropDatabasesAsync(string connection, string run)
{
    Console.WriteLine($"Dropped {await BenchDatabases.DropAsync(connection, run)} PostgreSQL databases of run {run}.");
    return run;
}
