using KtvRec.Bench;

// A load client for a running service: it measures over real HTTP on loopback, from its own process.
var url = args.Length > 0 ? args[0] : "http://127.0.0.1:5099";
var singles = args.Length > 1 ? int.Parse(args[1]) : 2000;
var batches = args.Length > 2 ? int.Parse(args[2]) : 40;

using var http = new HttpClient { BaseAddress = new Uri(url) };
var ingest = new IngestLatency(http);
await ingest.PrepareCatalogAsync();
var report = await ingest.RunAsync(singles, batches);
Console.WriteLine(report);
