using KtvRec.Api.Tests.Operations;
using KtvRec.Client;
using KtvRec.Client.Models;

namespace KtvRec.Api.Tests.ClientSdk;

/// <summary>The service and the jukebox as real processes on loopback, each killed with SIGKILL mid-stream: every tracked event stored exactly once.</summary>
[Collection(HeavyTests.Name)]
public sealed class ClientUnderFaultsTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rooms = 8;

    [Fact]
    public async Task TenThousandEventsFromEightRoomsAreStoredOnceThroughThreeServiceKills()
    {
        using var data = new TempDirectory();
        using var disk = new TempDirectory();
        var url = ServiceProcess.FreeUrl();
        var service = await StartAsync(data.Path, url);
        try
        {
            await using var jukebox = Jukebox.Open(new JukeboxOptions
            {
                Client = new KtvRecClientOptions { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(5) },
                Outbox = new KtvRec.Client.Outbox.OutboxOptions { Path = Path.Combine(disk.Path, "outbox.db"), FirstBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(2) },
            });
            var rooms = Enumerable.Range(0, Rooms).Select(room => Task.Run(async () =>
            {
                for (var i = 0; i < 10_000 / Rooms; i++)
                {
                    jukebox.Track(new PlayEvent(i % 3 == 2 ? EventType.Complete : EventType.Play, $"r{room}-u{i % 4}", $"s{1 + i % 20}", $"room{room}", EventId: $"room{room}-e{i}"));
                    if (i % 25 == 24) await Task.Delay(50);
                }
            })).ToList();

            for (var kill = 0; kill < 3; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1.2));
                service.Kill();
                await service.DisposeAsync();
                service = await StartAsync(data.Path, url, firstTime: false);
            }
            await Task.WhenAll(rooms);

            Assert.True(await jukebox.FlushAsync(TimeSpan.FromSeconds(90)), $"still waiting: {jukebox.Pending}, last error {jukebox.DeliveryError}");
            var stored = await ServiceProcess.StoredEventIdsAsync(data.Path);
            output.WriteLine($"stored {stored.Count}, sent {jukebox.Metrics.Sent}, retried {jukebox.Metrics.Retried}");

            Assert.Equal(Enumerable.Range(0, Rooms).SelectMany(room => Enumerable.Range(0, 10_000 / Rooms).Select(i => $"room{room}-e{i}")).Order(), stored.Keys.Order());
            Assert.All(stored, pair => Assert.Equal(1, pair.Value));
            Assert.True(jukebox.Metrics.Retried > 0, "no delivery ever failed: the kills missed the traffic");
            Assert.Empty(jukebox.DeadLetters());
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task AJukeboxKilledMidSendDeliversEverythingItTrackedOnceItIsBack()
    {
        using var data = new TempDirectory();
        using var disk = new TempDirectory();
        var outbox = Path.Combine(disk.Path, "outbox.db");
        await using var service = await StartAsync(data.Path, ServiceProcess.FreeUrl());

        // Killed once it has tracked 3,000 of its 10,000 events, while it sends.
        var tracked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var first = await RunJukeboxAsync(service.Url, outbox, eventsPerRoom: 10_000 / Rooms, tracked, killAfter: 3_000);
        var trackedBeforeTheKill = tracked.Count;
        var second = await RunJukeboxAsync(service.Url, outbox, eventsPerRoom: 0, tracked, killAfter: null);
        var stored = await ServiceProcess.StoredEventIdsAsync(data.Path);
        output.WriteLine($"tracked before the kill {trackedBeforeTheKill}; the restart: {second}");

        Assert.Equal("killed", first);
        Assert.InRange(tracked.Count, 3_000, 9_999);
        Assert.Matches(@"^outbox .*: [1-9]\d* events waiting", second.Split('\n')[0]);
        Assert.Contains("delivered:", second);
        Assert.All(tracked, id => Assert.True(stored.ContainsKey(id), $"{id} was tracked but never stored"));
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));
        Assert.Equal(trackedBeforeTheKill, tracked.Count);
    }

    private static async Task<ServiceProcess> StartAsync(string dataDirectory, string url, bool firstTime = true)
    {
        var service = ServiceProcess.Start(ServiceProcess.BuiltFolder, dataDirectory, ServiceProcess.QuietOn(dataDirectory), url);
        await service.WaitForAsync("/health/ready");
        if (!firstTime) return service;
        var api = new KtvRecClient(service.Http);
        await api.ImportSongsAsync([.. Enumerable.Range(1, 20).Select(i => new SongEntry($"s{i}", $"Song {i}", $"Artist {i % 5}", "Mandarin", "Pop"))]);
        for (var room = 0; room < Rooms; room++)
            await api.StartSessionAsync(new StartSession($"room{room}", $"Room {room}", [.. Enumerable.Range(0, 4).Select(u => $"r{room}-u{u}")]));
        return service;
    }

    /// <summary>The sample jukebox as a process; its "tracked" lines are collected. Killed with SIGKILL after <paramref name="killAfter"/> of them, if given.</summary>
    private static async Task<string> RunJukeboxAsync(string url, string outbox, int eventsPerRoom, System.Collections.Concurrent.ConcurrentQueue<string> tracked, int? killAfter)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(ServiceProcess.BuiltFolder, "KtvRec.SampleJukebox"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList = { "--url", url, "--outbox", outbox, "--rooms", Rooms.ToString(), "--events", eventsPerRoom.ToString(), "--drain-seconds", "90" },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var killed = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith("tracked ", StringComparison.Ordinal)) tracked.Enqueue(e.Data[8..]);
            else log.Enqueue(e.Data);
            if (killAfter is { } limit && tracked.Count >= limit && !killed)
            {
                killed = true;
                process.Kill(entireProcessTree: true);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        return killed ? "killed" : string.Join('\n', log) + $"\nexit {process.ExitCode}";
    }
}
