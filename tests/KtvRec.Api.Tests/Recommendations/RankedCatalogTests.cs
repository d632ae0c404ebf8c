using KtvRec.Api.Recommendations;
using KtvRec.Domain.Songs;

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
}
