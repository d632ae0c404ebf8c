using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace KtvRec.Api.Tests.Faults;

/// <summary>
/// Jukebox-like traffic against one or more nodes of the service, until stopped: writers post batches of events with
/// ids and retry a batch that was not acknowledged (on the next node, as a load balancer would) until it is; readers
/// ask for users' lists from the node they are bound to. Every answer that is not a 200 is kept with when and where
/// it came (status 0: no answer at all).
/// </summary>
internal sealed class Traffic
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];

    private Traffic()
    {
    }

    /// <summary>The event ids of every batch a node acknowledged with a 200.</summary>
    public ConcurrentBag<string> Acknowledged { get; } = [];

    public ConcurrentQueue<Failure> Failures { get; } = new();

    public int Reads => _reads;

    private int _reads;

    /// <param name="Node">The index of the node in the list the traffic was started with.</param>
    public sealed record Failure(DateTime At, int Node, string Kind, int Status);

    /// <summary>Demo venue ids (SmallDemo): songs s00000.., users u00001...</summary>
    public static Traffic Start(IReadOnlyList<string> nodes, int writers, int readers)
    {
        var traffic = new Traffic();
        for (var writer = 0; writer < writers; writer++)
        {
            var id = writer;
            traffic._clients.Add(Task.Run(() => traffic.WriteAsync(nodes, id)));
        }
        for (var reader = 0; reader < readers; reader++)
        {
            var id = reader;
            traffic._clients.Add(Task.Run(() => traffic.ReadAsync(nodes[id % nodes.Count], id % nodes.Count, $"u{1 + id % 40:00000}")));
        }
        return traffic;
    }

    /// <summary>When the last failure of the given kind came, if any.</summary>
    public DateTime? LastFailure(string kind) => Failures.Where(f => f.Kind == kind).Select(f => (DateTime?)f.At).Max();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    private async Task WriteAsync(IReadOnlyList<string> nodes, int writer)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var attempt = 0;
        for (var batch = 0; !_stop.IsCancellationRequested; batch++)
        {
            var ids = Enumerable.Range(0, 10).Select(i => $"w{writer}-b{batch}-e{i}").ToList();
            var events = ids.Select((id, i) => new { eventId = id, type = "play", userId = $"u{1 + writer:00000}", songId = $"s{(batch * 10 + i) % 200:00000}" });
            while (!_stop.IsCancellationRequested)
            {
                var node = attempt++ % nodes.Count;
                var status = await SendAsync(() => http.PostAsJsonAsync($"{nodes[node]}/events", new { events }));
                if (status == 200)
                {
                    foreach (var id in ids) Acknowledged.Add(id);
                    break;
                }
                Failures.Enqueue(new Failure(DateTime.UtcNow, node, "write", status));
                await Task.Delay(100);
            }
        }
    }

    private async Task ReadAsync(string node, int index, string user)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        while (!_stop.IsCancellationRequested)
        {
            var status = await SendAsync(() => http.GetAsync($"{node}/recommendations/{user}?count=10"));
            if (status == 200)
            {
                Interlocked.Increment(ref _reads);
                continue;
            }
            Failures.Enqueue(new Failure(DateTime.UtcNow, index, "read", status));
            await Task.Delay(100);
        }
    }

    private static async Task<int> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }
}
