using System.Collections.Concurrent;
using System.Net.Http.Json;
using KtvRec.Api.Songs;
using KtvRec.Api.Tests.Operations;
using Xunit.Abstractions;

namespace KtvRec.Api.Tests.Security;

[Collection(HeavyTests.Name)]
public sealed class DurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryAcknowledgedEventSurvivesASigkillDuringConcurrentIngestExactlyOnce()
    {
        using var data = new TempDirectory();
        // On the suite's engine: SQLite's file in the SQLite round, a database of its own in the PostgreSQL round.
        var settings = ServiceProcess.QuietOn(data.Path);
        var acknowledged = new ConcurrentBag<string>();
        await using (var service = ServiceProcess.Start(ServiceProcess.BuiltFolder, data.Path, settings))
        {
            await service.WaitForAsync("/health/ready");
            var songs = Enumerable.Range(1, 20).Select(i => new SongEntry($"s{i}", $"Song {i}", "Artist", "Mandarin", "Pop"));
            (await service.Http.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
            {
                using var http = new HttpClient { BaseAddress = new Uri(service.Url) };
                for (var batch = 0; !stop.IsCancellationRequested; batch++)
                {
                    var ids = Enumerable.Range(0, 20).Select(i => $"w{writer}-b{batch}-e{i}").ToList();
                    var events = ids.Select((id, i) => new { eventId = id, type = "play", userId = $"user-{writer}", songId = $"s{1 + i}" });
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/events", new { events });
                        if (response.IsSuccessStatusCode) foreach (var id in ids) acknowledged.Add(id);
                    }
                    catch (HttpRequestException)
                    {
                        return; // The service is gone.
                    }
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(3));
            service.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        await using (var restarted = ServiceProcess.Start(ServiceProcess.BuiltFolder, data.Path, settings))
            await restarted.WaitForAsync("/health/ready");

        var stored = await ServiceProcess.StoredEventIdsAsync(data.Path);
        var missing = acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        var repeated = stored.Where(pair => pair.Value > 1).ToList();
        output.WriteLine($"acknowledged {acknowledged.Count}, present after restart {stored.Count}, acknowledged but missing {missing.Count}, stored more than once {repeated.Count}");

        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} events were acknowledged before the kill");
        Assert.Empty(missing);
        Assert.Empty(repeated);
    }
}
