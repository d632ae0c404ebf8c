using System.Diagnostics;

namespace KtvRec.Bench.Load;

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send their next request as soon as the last one is answered, until
/// <c>count</c> requests are done or <c>duration</c> has passed. A request that throws or answers non-2xx is a failure.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(int concurrency, int count, Func<int, Task> request, TimeSpan? duration = null)
    {
        var latencies = new List<double>[concurrency];
        var failures = 0;
        var next = -1;
        var deadline = duration is { } d ? Stopwatch.GetTimestamp() + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var started = Stopwatch.GetTimestamp();

        async Task Worker(int worker)
        {
            latencies[worker] = [];
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= count) return;
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    await request(index);
                    latencies[worker].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(() => Worker(worker))));
        return new LoadResult(latencies.SelectMany(l => l).ToList(), failures, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Times a synchronous piece of work <paramref name="count"/> times, one after the other.</summary>
    public static LoadResult Time(int count, Action<int> work)
    {
        var latencies = new List<double>(count);
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            work(i);
            latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }
        return new LoadResult(latencies, 0, Stopwatch.GetElapsedTime(started));
    }
}
