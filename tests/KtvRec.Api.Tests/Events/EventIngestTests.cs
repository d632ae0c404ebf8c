using System.Net;
using System.Net.Http.Json;
using System.Text;
using KtvRec.Api.Events;
using KtvRec.Api.Stats;

namespace KtvRec.Api.Tests.Events;

public sealed class EventIngestTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        await App.AddSongsAsync("s1", "s2", "s3");
    }

    [Fact]
    public async Task PostingOneEventStoresItAndCreatesTheUser()
    {
        var response = await Client.PostAsJsonAsync("/events", new { type = "complete", userId = "alice", songId = "s1" });

        Assert.Equal(new IngestResponse(1, 0), await response.ReadAsync<IngestResponse>());
        var stats = await Client.GetFromJsonAsync<StatsResponse>("/stats");
        Assert.Equal(1, stats!.Events);
        Assert.Equal(1, stats.Users);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/users/alice")).StatusCode);
    }

    [Fact]
    public async Task AnEventWithoutTimestampGetsServerTime()
    {
        var before = DateTime.UtcNow.AddSeconds(-1);
        await Client.PostAsJsonAsync("/events", new { type = "play", userId = "alice", songId = "s1" });

        var stats = await Client.GetFromJsonAsync<StatsResponse>("/stats");
        Assert.InRange(stats!.LatestEventAt!.Value, before, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task PostingABatchStoresEveryEvent()
    {
        var events = Enumerable.Range(0, 1000).Select(i => new
        {
            eventId = $"e{i}", type = i % 3 == 0 ? "skip" : "complete", userId = $"u{i % 17}", songId = $"s{1 + i % 3}",
            timestamp = DateTimeOffset.UtcNow.AddMinutes(-i), progress = i % 3 == 0 ? 0.25 : (double?)null,
        });

        var response = await Client.PostAsJsonAsync("/events", new { events });

        Assert.Equal(new IngestResponse(1000, 0), await response.ReadAsync<IngestResponse>());
        var stats = await Client.GetFromJsonAsync<StatsResponse>("/stats");
        Assert.Equal(1000, stats!.Events);
        Assert.Equal(17, stats.Users);
    }

    [Fact]
    public async Task ARepeatedEventIdIsStoredOnce()
    {
        var first = new { eventId = "jukebox-1", type = "like", userId = "alice", songId = "s1" };
        await Client.PostAsJsonAsync("/events", first);

        var retry = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[] { first, new { eventId = "jukebox-2", type = "like", userId = "alice", songId = "s2" }, first },
        });

        Assert.Equal(new IngestResponse(1, 2), await retry.ReadAsync<IngestResponse>());
        Assert.Equal(2, (await Client.GetFromJsonAsync<StatsResponse>("/stats"))!.Events);
    }

    [Fact]
    public async Task ABatchWithBadItemsIsRejectedWholeWithEachItemNamed()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[]
            {
                new { type = "complete", userId = "alice", songId = "s1" },
                new { type = "skip", userId = "alice", songId = "s2", progress = 1.5 },
                new { type = "score", userId = "", songId = "s3" },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("between 0 and 1", problem.ErrorsFor("events[1].progress")[0]);
        Assert.NotEmpty(problem.ErrorsFor("events[2].userId"));
        Assert.Contains("required", problem.ErrorsFor("events[2].score")[0]);
        Assert.False(problem.GetProperty("errors").TryGetProperty("events[0].type", out _));
        Assert.Equal(0, (await Client.GetFromJsonAsync<StatsResponse>("/stats"))!.Events);
    }

    [Fact]
    public async Task AnUnknownSongIsAnErrorThatNamesIt()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[]
            {
                new { type = "play", userId = "alice", songId = "s1" },
                new { type = "play", userId = "alice", songId = "not-in-catalog" },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'not-in-catalog'", problem.ErrorsFor("events[1].songId")[0]);
        var stats = await Client.GetFromJsonAsync<StatsResponse>("/stats");
        Assert.Equal(0, stats!.Events);
        Assert.Equal(0, stats.Users);
    }

    [Fact]
    public async Task ASongRefusedAsUnknownIsAcceptedOnceItIsInTheCatalog()
    {
        var play = new { type = "play", userId = "alice", songId = "s4" };
        await (await Client.PostAsJsonAsync("/events", play)).AssertProblemAsync(HttpStatusCode.BadRequest);

        await App.AddSongsAsync("s4");

        Assert.Equal(new IngestResponse(1, 0), await (await Client.PostAsJsonAsync("/events", play)).ReadAsync<IngestResponse>());
    }

    [Fact]
    public async Task AnUnknownSessionIsAnErrorThatNamesIt()
    {
        var response = await Client.PostAsJsonAsync("/events", new { type = "play", userId = "alice", songId = "s1", sessionId = "ghost" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'ghost'", problem.ErrorsFor("sessionId")[0]);
    }

    [Fact]
    public async Task ABatchOverTheLimitIsRejected()
    {
        var events = Enumerable.Range(0, 1001).Select(_ => new { type = "play", userId = "a", songId = "s1" });

        var response = await Client.PostAsJsonAsync("/events", new { events });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("1000", problem.ErrorsFor("events")[0]);
    }

    [Fact]
    public async Task AHugeBatchOfEmptyObjectsIsCountedNotBuiltAndCostsBoundedMemory()
    {
        // Just under the 16 MiB body limit: five and a half million empty events.
        var objects = ((16 << 20) - 64) / 3;
        var body = new StringBuilder("{\"Events\":[", 16 << 20).Insert(11, "{},", objects).Append("{}]}").ToString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var response = await Client.PostAsync("/events", content);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("1000", problem.ErrorsFor("events")[0]);
        // The body itself is 16 MiB (and its copy as a string here); building the events would be gigabytes.
        Assert.True(allocated < 200L << 20, $"refusing it allocated {allocated >> 20} MiB");
    }

    [Fact]
    public async Task ATimestampFarInTheFutureOrBefore2000IsRejected()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[]
            {
                new { type = "play", userId = "a", songId = "s1", timestamp = "2999-01-01T00:00:00Z" },
                new { type = "play", userId = "a", songId = "s1", timestamp = "1999-12-31T23:59:59Z" },
            },
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("events[0].timestamp"));
        Assert.NotEmpty(problem.ErrorsFor("events[1].timestamp"));
    }

    [Fact]
    public async Task ATimestampWithoutAnOffsetIsRefusedRatherThanGuessed()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            events = new object[] { new { type = "play", userId = "a", songId = "s1", timestamp = "2026-12-01T20:00:00" } },
        });

        var detail = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString();
        Assert.Contains("$.events[0].timestamp", detail);
        Assert.Contains("'2026-12-01T20:00:00' has no offset", detail);
        Assert.Equal(0, (await Client.GetFromJsonAsync<StatsResponse>("/stats"))!.Events);
    }
}
