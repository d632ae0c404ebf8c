using KtvRec.Api.Recommendations;
using KtvRec.Domain.Songs;
using KtvRec.Training.Pipeline;

namespace KtvRec.Api.Tests.Recommendations;

public sealed class RankedCatalogTests
{
    [Fact]
    public void TheMostPopularSongsInSeveralLanguagesComeInPopularityOrderWhateverTheCaseOfTheLanguage()
    {
        string[] languages = ["Mandarin", "Cantonese", "English", "Japanese"];
        var catalog = new RankedCatalog([.. Enumerable.Range(0, 200).Select(i => new RankedSong(
            new Song { Id = $"s{i}", Title = $"Title {i}", Artist = $"Artist {i % 7}", Language = languages[i * 7 % 4], Genre = "Pop" }, 200 - i))]);
        var wanted = new HashSet<string>(["cantonese", "ENGLISH"], StringComparer.OrdinalIgnoreCase);

        var expected = catalog.Songs.Where(s => wanted.Contains(s.Song.Language)).Select(s => s.Song.Id);
        Assert.Equal(expected, catalog.InLanguages(wanted).Select(s => s.Song.Id));
        Assert.Equal(100, catalog.InLanguages(wanted).Count());
    }

    [Fact]
    public void SongsOfOneArtistWrittenInAnotherCaseShareTheArtistsKeySoVarietyCountsThemTogether()
    {
        string[] artists = ["Jay Chou", "JAY CHOU", "Eason Chan", "jay chou", "Faye Wong"];
        var catalog = new RankedCatalog([.. artists.Select((artist, i) => new RankedSong(
            new Song { Id = $"s{i}", Title = $"Title {i}", Artist = artist, Language = "Mandarin", Genre = "Pop" }, 10 - i))]);

        Assert.Equal([0, 0, 1, 0, 2], catalog.Songs.Select(s => s.ArtistKey));
        var varied = ArtistVariety.Take(catalog.Songs, s => s.ArtistKey, count: 4, maxPerArtist: 2, window: 10);
        Assert.Equal(["s0", "s1", "s2", "s4"], varied.Select(s => s.Song.Id));
    }
}
