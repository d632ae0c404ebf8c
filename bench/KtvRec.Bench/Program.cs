using KtvRec.Bench;

// Load clients for a running service: they measure over real HTTP on loopback, from their own process.
// Usage: KtvRec.Bench ingest URL [singles] [batches] | KtvRec.Bench recommendations URL [requests] [users]
var verb = args.Length > 0 ? args[0] : "";
var url = args.Length > 1 ? args[1] : "http://127.0.0.1:5099";
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index]) : fallback;

using var http = new HttpClient { BaseAddress = new Uri(url) };
switch (verb)
{
    case "ingest":
        var ingest = new IngestLatency(http);
        await ingest.PrepareCatalogAsync();
        Console.WriteLine(await ingest.RunAsync(Arg(2, 2000), Arg(3, 40)));
        return 0;
    case "recommendations":
        Console.WriteLine(await RecommendationLatency.RunAsync(http, Arg(2, 2000), Arg(3, 300)));
        return 0;
    default:
        Console.Error.WriteLine("Usage: KtvRec.Bench ingest URL [singles] [batches] | recommendations URL [requests] [users]");
        return 2;
}
