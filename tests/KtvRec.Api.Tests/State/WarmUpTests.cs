using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Api.State;
using Microsoft.Extensions.DependencyInjection;

namespace KtvRec.Api.Tests.State;

/// <summary>Start-up reads recent activity only, so its time follows the venue's recent traffic, not all it ever stored.</summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task StartUpWarmsRecentSingersOnlyAndAnOlderOneIsReadInFullWhenAskedFor()
    {
        using var data = new TempDirectory();
        await using (var first = new KtvRecApp(dataDirectory: data.Path))
        {
            await first.AddSongsAsync("s1", "s2", "s3");
            var client = first.CreateClient();
            (await client.PostAsJsonAsync("/events", new { events = new[]
            {
                new { type = "complete", userId = "regular-of-old", songId = "s1", timestamp = DateTimeOffset.UtcNow.AddDays(-40) },
                new { type = "complete", userId = "tonight", songId = "s2", timestamp = DateTimeOffset.UtcNow.AddHours(-1) },
            } })).EnsureSuccessStatusCode();
        }

        await using var restarted = new KtvRecApp(new() { ["KtvRec:State:WarmDays"] = "30" }, data.Path);
        var again = restarted.CreateClient();
        var users = restarted.Services.GetRequiredService<VenueState>().Users;
        var warmed = users.Count;
        var list = (await again.GetFromJsonAsync<RecommendationResponse>("/recommendations/regular-of-old?discovery=true"))!;

        Assert.Equal(1, warmed);
        Assert.True(list.KnownUser);
        Assert.DoesNotContain(list.Items, item => item.SongId == "s1");
        Assert.Equal(2, users.Count);
    }
}
