using KtvRec.Domain.Songs;

namespace KtvRec.Api.Recommendations;

/// <summary>A song and its popularity score.</summary>
public sealed record RankedSong(Song Song, double Score);

/// <summary>
/// The catalog in popularity order, overall and per language, computed once per cache period so a request walks only
/// as far down each list as it needs instead of filtering the whole catalog.
/// </summary>
public sealed class RankedCatalog
{
    private readonly Dictionary<string, RankedSong[]> _byLanguage;
    private readonly Dictionary<string, RankedSong> _byId;

    public RankedCatalog(IReadOnlyList<RankedSong> songs)
    {
        Songs = songs;
        _byLanguage = songs
            .GroupBy(s => s.Song.Language, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byId = songs.ToDictionary(s => s.Song.Id, StringComparer.Ordinal);
    }

    /// <summary>The song with this id and its popularity; null for a song added after the ranking was computed.</summary>
    public RankedSong? Find(string songId) => _byId.GetValueOrDefault(songId);

    public IReadOnlyList<RankedSong> Songs { get; }

    public IReadOnlyList<RankedSong> InLanguage(string language) => _byLanguage.GetValueOrDefault(language) ?? [];

    /// <summary>The most popular songs in any of <paramref name="languages"/>, in popularity order.</summary>
    public IEnumerable<RankedSong> InLanguages(IReadOnlyCollection<string> languages) =>
        languages.Count switch
        {
            0 => [],
            1 => InLanguage(languages.First()),
            _ => Songs.Where(s => languages.Contains(s.Song.Language, StringComparer.OrdinalIgnoreCase)),
        };
}
