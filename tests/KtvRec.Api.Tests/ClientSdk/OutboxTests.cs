using System.Net.Http.Json;
using KtvRec.Api.Stats;
using KtvRec.Client;
using KtvRec.Client.Models;
using KtvRec.Client.Outbox;

namespace KtvRec.Api.Tests.ClientSdk;

/// <summary>The jukebox's outbox against the real service in process: refusals, throttling, fallbacks and what survives a restart.</summary>
public sealed class OutboxTests : IDisposable
{
    private readonly TempDirectory _jukeboxDisk = new();

    private string OutboxPath => Path.Combine(_jukeboxDisk.Path, "outbox.db");

    [Fact]
    public async Task APoisonEventLandsInTheDeadLettersAndTheRestArrive()
    {
        await using var app = new KtvRecApp();
        await app.AddSongsAsync("s1", "s2");
        await using var jukebox = Open(app.CreateClient());

        var events = Enumerable.Range(0, 100).Select(i => new PlayEvent(EventType.Play, $"u{i % 7}", i == 37 ? "no-such-song" : $"s{1 + i % 2}", EventId: $"e{i}")).ToList();
        foreach (var e in events) jukebox.Track(e);

        Assert.True(await jukebox.FlushAsync(TimeSpan.FromSeconds(30)), $"still waiting: {jukebox.Pending}, last error {jukebox.DeliveryError}");
        var letter = Assert.Single(jukebox.DeadLetters());
        Assert.Equal("e37", letter.EventId);
        Assert.Equal(400, letter.Status);
        Assert.Contains("songId", letter.Problem);
        Assert.Contains("no-such-song", letter.Json);
        Assert.Equal(99, (await StatsAsync(app)).Events);
        Assert.Equal((99, 1), (jukebox.Metrics.Sent, jukebox.Metrics.DeadLettered));
    }

    [Fact]
    public async Task ThrottlingIsHonouredAndNothingIsLost()
    {
        await using var app = new KtvRecApp(new()
        {
            ["KtvRec:Limits:RateLimitEnabled"] = "true",
            ["KtvRec:Limits:RequestsPerSecond"] = "4",
            ["KtvRec:Limits:Burst"] = "2",
        });
        await app.AddSongsAsync("s1");
        // One event per request, so the jukebox asks faster than the service allows.
        await using var jukebox = Open(app.CreateClient(), batchSize: 1);

        for (var i = 0; i < 24; i++) jukebox.Track(new PlayEvent(EventType.Play, "u1", "s1", EventId: $"t{i}"));

        Assert.True(await jukebox.FlushAsync(TimeSpan.FromSeconds(60)), $"still waiting: {jukebox.Pending}, last error {jukebox.DeliveryError}");
        Assert.True(jukebox.Metrics.Throttled > 0, "the service never answered 429");
        Assert.Empty(jukebox.DeadLetters());
        Assert.Equal(24, (await StatsAsync(app)).Events);
    }

    [Fact]
    public async Task EventsTrackedWhileTheServiceIsAwayWaitOnDiskAndArriveOnceItIsBack()
    {
        var away = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/"), Timeout = TimeSpan.FromSeconds(2) };
        await using (var offline = Open(away))
        {
            offline.Track([.. Enumerable.Range(0, 50).Select(i => new PlayEvent(EventType.Complete, "u1", "s1", EventId: $"w{i}"))]);
            await Task.Delay(300);
            Assert.Equal(50, offline.Pending);
            Assert.NotNull(offline.DeliveryError);
        }

        await using var app = new KtvRecApp();
        await app.AddSongsAsync("s1");
        await using var jukebox = Open(app.CreateClient());

        Assert.True(await jukebox.FlushAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(50, (await StatsAsync(app)).Events);
        // The same ids tracked again are stored once.
        jukebox.Track(new PlayEvent(EventType.Complete, "u1", "s1", EventId: "w0"));
        Assert.True(await jukebox.FlushAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(50, (await StatsAsync(app)).Events);
    }

    [Fact]
    public async Task AScreenGetsTheLastListWhenTheServiceIsAway()
    {
        await using (var app = new KtvRecApp())
        {
            await app.AddSongsAsync("s1", "s2", "s3");
            await using var online = Open(app.CreateClient());
            var live = await online.RecommendAsync("alice", count: 3);
            Assert.Equal(ListSource.Live, live.Source);
        }

        var away = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
        await using var jukebox = Open(away);
        var mine = await jukebox.RecommendAsync("alice", count: 3);
        var someoneElse = await jukebox.RecommendAsync("bob", count: 3);

        Assert.Equal(ListSource.LastForThisUser, mine.Source);
        Assert.Equal(3, mine.List.Items.Count);
        Assert.IsType<HttpRequestException>(mine.Error);
        Assert.Equal(ListSource.LastOnThisJukebox, someoneElse.Source);
        Assert.Equal("alice", someoneElse.List.UserId);
        await Assert.ThrowsAsync<HttpRequestException>(() => jukebox.RecommendForRoomAsync("never-seen-room"));
    }

    [Fact]
    public void AFullOutboxRefusesNewEventsAndKeepsThoseItHolds()
    {
        using var outbox = new EventOutbox(OutboxPath, maxEvents: 3);
        outbox.Add([new PlayEvent(EventType.Play, "u", "s1"), new PlayEvent(EventType.Play, "u", "s2")]);

        Assert.Throws<OutboxFullException>(() => outbox.Add([new PlayEvent(EventType.Play, "u", "s3"), new PlayEvent(EventType.Play, "u", "s4")]));
        outbox.Add([new PlayEvent(EventType.Play, "u", "s3")]);
        Assert.Equal(3, outbox.Count);
        Assert.Equal(["s1", "s2", "s3"], outbox.Peek(10).Select(e => System.Text.Json.JsonDocument.Parse(e.Json).RootElement.GetProperty("songId").GetString()));
    }

    public void Dispose() => _jukeboxDisk.Dispose();

    private Jukebox Open(HttpClient http, int batchSize = 500) => Jukebox.Open(new KtvRecClient(http), new JukeboxOptions
    {
        Client = new KtvRecClientOptions { BaseAddress = http.BaseAddress! },
        Outbox = new OutboxOptions { Path = OutboxPath, BatchSize = batchSize, FirstBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromSeconds(1) },
        RecommendationTimeout = TimeSpan.FromSeconds(5),
    });

    /// <summary>The service's counts; a rate-limited service is asked again when it says.</summary>
    private static async Task<StatsResponse> StatsAsync(KtvRecApp app)
    {
        var client = app.CreateClient();
        while (true)
        {
            using var response = await client.GetAsync("/stats");
            if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests) return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<StatsResponse>())!;
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }
}
