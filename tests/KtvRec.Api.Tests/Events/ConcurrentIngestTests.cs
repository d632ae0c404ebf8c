using System.Net.Http.Json;
using KtvRec.Api.Events;
using KtvRec.Api.Stats;
using KtvRec.Api.Users;

namespace KtvRec.Api.Tests.Events;

public sealed class ConcurrentIngestTests
{
    [Fact]
    public async Task ConcurrentRetriesOfTheSameBatchStoreEachEventOnce()
    {
        await using var app = new KtvRecApp();
        await app.AddSongsAsync("s1", "s2");
        var events = Enumerable.Range(0, 50)
            .Select(i => new { eventId = $"e{i}", type = "play", userId = $"new-user-{i % 7}", songId = i % 2 == 0 ? "s1" : "s2" })
            .ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            await app.CreateClient().PostAsJsonAsync("/events", new { events })));
        var profile = await app.CreateClient().PutAsJsonAsync("/users/new-user-0", new UserProfileRequest(1990));

        var results = await Task.WhenAll(responses.Select(r => r.ReadAsync<IngestResponse>()));
        Assert.Equal(50, results.Sum(r => r.Accepted));
        Assert.Equal(7 * 50, results.Sum(r => r.Duplicates));
        Assert.True(profile.IsSuccessStatusCode);
        var stats = await app.CreateClient().GetFromJsonAsync<StatsResponse>("/stats");
        Assert.Equal((50, 7), (stats!.Events, stats.Users));
    }
}
