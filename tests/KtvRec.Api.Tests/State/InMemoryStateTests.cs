using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.Sessions;
using KtvRec.Api.Songs;
using KtvRec.Api.State;
using KtvRec.Api.Users;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.State;

/// <summary>Recommendations read users and rooms from memory: it must follow ingest at once and say what the database says.</summary>
public sealed class InMemoryStateTests
{
    private static readonly DateTimeOffset Yesterday = DateTimeOffset.UtcNow.AddDays(-1);

    [Fact]
    public async Task ARoomsMembersAndSongsCountFromItsFirstMoment()
    {
        await using var app = new KtvRecApp();
        var client = app.CreateClient();
        await SeedAsync(client);
        Assert.Equal("m1", (await ListAsync(client, "/recommendations/alice"))[0]);

        // bob sings Cantonese: in a room with him, alice's list leads with Cantonese songs at once.
        (await client.PutAsJsonAsync("/users/bob", new UserProfileRequest(PreferredLanguages: ["Cantonese"]))).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["alice", "bob"], null))).EnsureSuccessStatusCode();
        Assert.Equal(["c1", "c2"], (await ListAsync(client, "/recommendations/alice?sessionId=night-1"))[..2]);

        // A song the room just played is left out of the very next list.
        (await client.PostAsJsonAsync("/events", new { type = "play", userId = "bob", songId = "c1", sessionId = "night-1" })).EnsureSuccessStatusCode();
        var list = await ListAsync(client, "/recommendations/alice?sessionId=night-1");
        Assert.Equal("c2", list[0]);
        Assert.DoesNotContain("c1", list);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(3)] // warm-up reads the three newest events only: the users it saw are completed on their first request
    public async Task AfterARestartTheListsAndWhatIsKeptOfEachUserAreWhatTheDatabaseSaysHoweverMuchWarmUpRead(int warmEvents)
    {
        using var data = new TempDirectory();
        var urls = new[] { "/recommendations/alice", "/recommendations/alice?discovery=true", "/recommendations/bob?sessionId=night-1", "/recommendations/carol" };
        List<List<string>> before;
        List<UserState.Reading> keptBefore;
        await using (var app = new KtvRecApp(dataDirectory: data.Path))
        {
            var client = app.CreateClient();
            await SeedAsync(client);
            (await client.PostAsJsonAsync("/sessions", new StartSessionRequest("night-1", "room-07", ["bob", "carol"], null))).EnsureSuccessStatusCode();
            // Kept in memory first, so what follows reaches them through ingest, not through their first read.
            foreach (var url in urls) await ListAsync(client, url);
            (await client.PostAsJsonAsync("/events", new
            {
                events = new object[]
                {
                    new { type = "complete", userId = "alice", songId = "m1" },
                    new { type = "like", userId = "alice", songId = "m3", timestamp = Yesterday },
                    new { type = "play", userId = "alice", songId = "c2", timestamp = Yesterday },
                    new { type = "play", userId = "carol", songId = "m2", sessionId = "night-1" },
                    new { type = "favorite", userId = "carol", songId = "c1" },
                },
            })).EnsureSuccessStatusCode();
            before = await ListsAsync(client, urls);
            keptBefore = await ReadingsAsync(app, "alice", "bob", "carol");
        }

        await using (var restarted = new KtvRecApp(new() { ["KtvRec:State:WarmEvents"] = $"{warmEvents}" }, data.Path))
        {
            var client = restarted.CreateClient();
            Assert.Equal(before, await ListsAsync(client, urls));
            var keptAfter = await ReadingsAsync(restarted, "alice", "bob", "carol");
            for (var i = 0; i < keptBefore.Count; i++)
            {
                Assert.Equal(keptBefore[i].History, keptAfter[i].History);
                Assert.Equal(keptBefore[i].RecentlySung.Order(), keptAfter[i].RecentlySung.Order());
                Assert.Equal(keptBefore[i].Profile?.PreferredLanguages, keptAfter[i].Profile?.PreferredLanguages);
            }
        }
        Assert.DoesNotContain("m1", before[0]);
        Assert.DoesNotContain("c2", before[1]);
        Assert.DoesNotContain("m2", before[2]);
    }

    [Fact]
    public async Task WhatAnotherNodeStoredReachesThisNodesUsersThroughTheFeed()
    {
        using var data = new TempDirectory();
        await using var ingestNode = new KtvRecApp(dataDirectory: data.Path);
        var ingest = ingestNode.CreateClient();
        await SeedAsync(ingest);
        await using var servingNode = new KtvRecApp(dataDirectory: data.Path);
        var serving = servingNode.CreateClient();
        var top = (await ListAsync(serving, "/recommendations/dave"))[0];

        (await ingest.PostAsJsonAsync("/events", new { type = "complete", userId = "dave", songId = top })).EnsureSuccessStatusCode();
        Assert.Equal(top, (await ListAsync(serving, "/recommendations/dave"))[0]);
        await servingNode.Services.GetRequiredService<StateFeed>().ReadAsync(CancellationToken.None);

        Assert.DoesNotContain(top, await ListAsync(serving, "/recommendations/dave"));
    }

    /// <summary>Mandarin songs m1..m3 and Cantonese c1, c2, popular in that order.</summary>
    private static async Task SeedAsync(HttpClient client)
    {
        var songs = new[] { "m1", "m2", "m3", "c1", "c2" }
            .Select(id => new SongEntry(id, $"Title {id}", $"Artist {id}", id[0] == 'm' ? "Mandarin" : "Cantonese", "Pop")).ToList();
        (await client.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();
        var events = new[] { ("m1", 9), ("m2", 8), ("m3", 7), ("c1", 3), ("c2", 2) }
            .SelectMany(song => Enumerable.Range(0, song.Item2).Select(i => new { type = "complete", userId = $"fan{i}", songId = song.Item1, timestamp = Yesterday }))
            .ToArray();
        (await client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<RecommendationResponse>(url))!.Items.Select(i => i.SongId).ToList();

    private static async Task<List<List<string>>> ListsAsync(HttpClient client, IEnumerable<string> urls)
    {
        var lists = new List<List<string>>();
        foreach (var url in urls) lists.Add(await ListAsync(client, url));
        return lists;
    }

    private static async Task<List<UserState.Reading>> ReadingsAsync(KtvRecApp app, params string[] userIds)
    {
        var users = app.Services.GetRequiredService<UserStates>();
        var readings = new List<UserState.Reading>();
        foreach (var userId in userIds) readings.Add((await users.GetAsync(userId, CancellationToken.None)).Read(DateTime.UtcNow.AddHours(-6)));
        return readings;
    }

    /// <summary>A singer last seen forty days ago and one seen tonight, stored by a first run of the service.</summary>
    private static async Task StoreTwoSingersAsync(string dataDirectory)
    {
        await using var first = new KtvRecApp(dataDirectory: dataDirectory);
        await first.AddSongsAsync("s1", "s2", "s3");
        var events = new[]
        {
            new { type = "complete", userId = "regular-of-old", songId = "s1", timestamp = DateTimeOffset.UtcNow.AddDays(-40) },
            new { type = "complete", userId = "tonight", songId = "s2", timestamp = DateTimeOffset.UtcNow.AddHours(-1) },
        };
        (await first.CreateClient().PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task StartUpWarmsRecentSingersOnlyAndAnOlderOneIsReadInFullWhenAskedFor()
    {
        using var data = new TempDirectory();
        await StoreTwoSingersAsync(data.Path);

        await using var restarted = new KtvRecApp(new() { ["KtvRec:State:WarmDays"] = "30" }, data.Path);
        var client = restarted.CreateClient();
        var users = restarted.Services.GetRequiredService<VenueState>().Users;
        var warmed = users.Count;
        var list = (await client.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular-of-old?discovery=true"))!;

        Assert.Equal(1, warmed);
        Assert.True(list.KnownUser);
        Assert.DoesNotContain(list.Items, item => item.SongId == "s1");
        Assert.Equal(2, users.Count);
    }

    [Fact]
    public async Task TheFeedKeepsOnlyTheLastSecondsOfReadMarksHoweverLongItRuns()
    {
        await using var app = new KtvRecApp();
        app.CreateClient();
        var clock = new SteppedClock();
        var feed = new StateFeed(
            app.Services.GetRequiredService<IServiceScopeFactory>(), app.Services.GetRequiredService<VenueState>(),
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StateOptions>>(),
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KtvRec.Api.Storage.DatabaseOptions>>(), clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<StateFeed>.Instance);

        // A quarter of an hour of reads two seconds apart: only the last ten seconds' marks are kept, on either engine.
        for (var read = 0; read < 450; read++)
        {
            clock.Now += TimeSpan.FromSeconds(2);
            await feed.ReadAsync(CancellationToken.None);
        }

        Assert.InRange(feed.PendingMarks, 1, 6);
    }

    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
