using System.Net;
using System.Net.Http.Json;
using KtvRec.Api.Charts;

namespace KtvRec.Api.Tests.Charts;

public sealed class ChartsTests : ApiTest
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>This week: a by 3 people, b by 2, c by 1 (and tonight d by 1); the week before: b by 3, d by 2, a by 1.</summary>
    protected override async Task SeedAsync()
    {
        var songs = new[] { ("a", "Cantonese"), ("b", "Mandarin"), ("c", "Cantonese"), ("d", "Mandarin"), ("never", "Cantonese") }
            .Select(s => new { id = s.Item1, title = $"Title {s.Item1}", artist = $"Artist {s.Item1}", language = s.Item2, genre = "Pop", releaseYear = 1995 });
        (await Client.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();
        var thisWeek = Now.AddDays(-3);
        var weekBefore = Now.AddDays(-10);
        var events = Sung("a", 3, thisWeek).Concat(Sung("b", 2, thisWeek)).Concat(Sung("c", 1, thisWeek)).Concat(Sung("d", 1, Now.AddHours(-2)))
            .Concat(Sung("b", 3, weekBefore)).Concat(Sung("d", 2, weekBefore)).Concat(Sung("a", 1, weekBefore))
            // Started and skipped, or sung again by the same person: not more people enjoying it.
            .Append(new { type = "play", userId = "fan0", songId = "never", timestamp = thisWeek })
            .Append(new { type = "complete", userId = "fan0", songId = "c", timestamp = thisWeek.AddHours(1) });
        (await Client.PostAsJsonAsync("/events", new { events })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AChartRanksThePeriodsSingersWithMovementAgainstThePeriodBefore()
    {
        var week = await Client.GetFromJsonAsync<ChartResponse>("/charts?period=week");

        Assert.Equal("week", week!.Period);
        Assert.Equal(TimeSpan.FromDays(7), week.To - week.From);
        Assert.Equal(
            [("a", 3.0, 3, (int?)2, "up"), ("b", 2.0, 1, -1, "down"), ("c", 1.0, (int?)null, (int?)null, "new"), ("d", 1.0, 2, -2, "down")],
            week.Items.Select(i => (i.SongId, i.Singers, i.PreviousRank, i.Movement, i.Trend)));
        Assert.Equal([1, 2, 3, 4], week.Items.Select(i => i.Rank));
        Assert.Null(week.MatchingSongs);

        var tonight = await Client.GetFromJsonAsync<ChartResponse>("/charts?period=day");
        Assert.Equal(["d"], tonight!.Items.Select(i => i.SongId));
        Assert.Equal("new", tonight.Items[0].Trend);
    }

    [Fact]
    public async Task AFilteredChartRanksAndMovesWithinItsSongs()
    {
        var cantonese = await Client.GetFromJsonAsync<ChartResponse>("/charts?period=week&language=cantonese&decade=1990s&count=1");

        Assert.Equal(3, cantonese!.MatchingSongs);
        var only = Assert.Single(cantonese.Items);
        // a was second on the week before's chart, but first of its Cantonese songs.
        Assert.Equal(("a", 1, 1, 0, "same"), (only.SongId, only.Rank, only.PreviousRank, only.Movement, only.Trend));
        var withoutA = await Client.GetFromJsonAsync<ChartResponse>("/charts?period=week&language=Cantonese&exclude=a");
        Assert.Equal(["c"], withoutA!.Items.Select(i => i.SongId));
    }

    [Theory]
    [InlineData("/charts?period=year", "period")]
    [InlineData("/charts?period=1", "period")]
    [InlineData("/charts?count=0", "count")]
    [InlineData("/charts?genre=Opera", "genre")]
    public async Task AChartAskedWrongIsABadRequestNamingTheParameter(string url, string field)
    {
        var problem = await (await Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    private static IEnumerable<object> Sung(string songId, int people, DateTimeOffset at) =>
        Enumerable.Range(0, people).Select(i => (object)new { type = "complete", userId = $"fan{i}", songId, timestamp = at.AddMinutes(i) });
}
