using KtvRec.Client;
using KtvRec.Client.Outbox;
using KtvRec.SampleJukebox;

// A sample jukebox: a few rooms singing against the service through the SDK. Each room starts a session, asks for its
// list, sings from it (play, then complete or skip), and tracks every event through the outbox; "tracked <id>" is
// printed once the event is on disk. Then it waits until the outbox has delivered everything.
//   dotnet run --project src/SampleJukebox -- --url http://localhost:5080 --rooms 4 --events 200
var arguments = JukeboxArguments.Parse(args);
if (arguments.Error is { } error)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine(JukeboxArguments.Usage);
    return 2;
}

await using var jukebox = Jukebox.Open(new JukeboxOptions
{
    Client = new KtvRecClientOptions { BaseAddress = arguments.Url, ApiKey = arguments.ApiKey },
    Outbox = new OutboxOptions { Path = arguments.OutboxPath },
});
Console.WriteLine($"outbox {arguments.OutboxPath}: {jukebox.Pending} events waiting from an earlier run");
if (arguments.Events > 0)
{
    var songs = await Until(() => jukebox.Api.ListSongsAsync(limit: 200));
    if (songs.Items.Count == 0)
    {
        Console.Error.WriteLine("error: the catalog is empty; add songs first (POST /songs/batch)");
        return 2;
    }
    var rooms = Enumerable.Range(0, arguments.Rooms).Select(room => Task.Run(() => new Room(jukebox, arguments, songs.Items, room).SingAsync()));
    await Task.WhenAll(rooms);
}

var delivered = await jukebox.FlushAsync(arguments.Drain);
var metrics = jukebox.Metrics;
Console.WriteLine($"{(delivered ? "delivered" : "not delivered yet")}: sent {metrics.Sent}, retried {metrics.Retried}, throttled {metrics.Throttled}, dead-lettered {metrics.DeadLettered}, waiting {jukebox.Pending}");
return delivered ? 0 : 3;

// The service may be starting (or away): ask again until it answers.
static async Task<T> Until<T>(Func<Task<T>> call)
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException || e is KtvRecApiException { Status: >= System.Net.HttpStatusCode.InternalServerError })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * attempt)));
        }
    }
}
