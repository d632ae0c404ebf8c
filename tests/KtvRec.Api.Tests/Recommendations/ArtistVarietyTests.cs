using System.Net.Http.Json;
using KtvRec.Api.Recommendations;
using KtvRec.Training.Pipeline;
using KtvRec.Api.Songs;

namespace KtvRec.Api.Tests.Recommendations;

public sealed class ArtistVarietyTests : ApiTest
{
    protected override async Task SeedAsync()
    {
        // The four most popular songs are one artist's; three others follow, each by someone else.
        string[] artists = ["Jay", "Jay", "Jay", "Jay", "Faye", "Eason", "Jolin"];
        var songs = artists.Select((artist, i) => new SongEntry($"s{i}", $"Title {i}", artist, "Mandarin", "Pop")).ToList();
        (await Client.PostAsJsonAsync("/songs/batch", songs)).EnsureSuccessStatusCode();
        var earlier = DateTimeOffset.UtcNow.AddDays(-1);
        var events = songs.SelectMany((song, i) => Enumerable.Range(0, 10 - i).Select(n =>
            (object)new { type = "complete", userId = $"fan{n}", songId = song.Id, timestamp = earlier.AddMinutes(10 * i + n) }));
        (await Client.PostAsJsonAsync("/events", new { events = events.ToArray() })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task NoArtistHasMoreThanTwoSongsInTheTopTenAndTheRestKeepTheirOrder()
    {
        var list = await Client.GetFromJsonAsync<RecommendationResponse>("/recommendations/stranger?count=7");

        // Jay's third and fourth songs wait until nobody else is left: a catalog of few artists still fills the list.
        Assert.Equal(["s0", "s1", "s4", "s5", "s6", "s2", "s3"], list!.Items.Select(i => i.SongId));
        Assert.Equal(2, list.Items.Take(5).Count(i => i.Artist == "Jay"));
    }

    [Fact]
    public void ASongHeldBackComesInAsSoonAsTheWindowAllowsIt()
    {
        string[] ranked = ["a1", "a2", "a3", "b1", "c1", "a4"];

        var list = ArtistVariety.Take(ranked, song => song[..1], count: 6, maxPerArtist: 2, window: 3);

        // At most two of any three consecutive songs by "a": a3 comes back right after b1 breaks the run.
        Assert.Equal(["a1", "a2", "b1", "a3", "c1", "a4"], list);
    }

    [Fact]
    public void ListsOfManySongsByFewArtistsComeOutAsTheRuleStatedPlainlySays()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 300; trial++)
        {
            var ranked = Enumerable.Range(0, random.Next(1, 80)).Select(i => $"{(char)('a' + random.Next(random.Next(1, 7)))}{i}").ToList();
            var (count, max, window) = (random.Next(1, 40), random.Next(1, 4), random.Next(1, 12));

            var list = ArtistVariety.Take(ranked, song => song[..1], count, max, window);

            Assert.Equal(Plainly(ranked, count, max, window), list);
        }
    }

    /// <summary>
    /// The rule as first written: next comes the earliest held-back song that fits (at most max of the artist among the
    /// last window - 1), else the next ranked song (held back when it does not fit), else the earliest held back.
    /// </summary>
    private static List<string> Plainly(List<string> ranked, int count, int max, int window)
    {
        bool Fits(List<string> list, string song) =>
            list.Skip(Math.Max(0, list.Count - (window - 1))).Count(s => s[0] == song[0]) < max;
        var (list, heldBack, next) = (new List<string>(), new List<string>(), 0);
        while (list.Count < count)
        {
            var waiting = heldBack.FindIndex(song => Fits(list, song));
            if (waiting < 0 && next < ranked.Count)
            {
                if (Fits(list, ranked[next])) list.Add(ranked[next]);
                else heldBack.Add(ranked[next]);
                next++;
                continue;
            }
            if (waiting < 0 && heldBack.Count == 0) break;
            waiting = Math.Max(waiting, 0);
            list.Add(heldBack[waiting]);
            heldBack.RemoveAt(waiting);
        }
        return list;
    }
}
