using KtvRec.Domain.Songs;

namespace KtvRec.Training.Pipeline;

/// <summary>
/// A catalog's songs by row, the numbers a request works in from the first step: candidates, exclusions, neighbours
/// and scores are rows, so nothing is looked up by song id per candidate. Each row's language (what the
/// preferred-language field compares) and artist (what variety counts), each also as a number.
/// </summary>
public sealed class CatalogRows
{
    private readonly Dictionary<string, int> _rows;

    public CatalogRows(IReadOnlyList<Song> songs)
    {
        Songs = songs;
        _rows = new Dictionary<string, int>(songs.Count, StringComparer.Ordinal);
        for (var i = 0; i < songs.Count; i++) _rows.TryAdd(songs[i].Id, i);
        Ids = songs.Select(s => s.Id).ToArray();
        Languages = songs.Select(s => s.Language).ToArray();
        ArtistKeys = Keys(songs.Select(song => song.Artist));
        LanguageKeys = Keys(Languages);
        LanguageCount = LanguageKeys.Count == 0 ? 0 : LanguageKeys.Max() + 1;
    }

    public IReadOnlyList<Song> Songs { get; }
    public IReadOnlyList<string> Ids { get; }
    public IReadOnlyList<string> Languages { get; }
    public IReadOnlyList<int> ArtistKeys { get; }

    /// <summary>Each row's language as a number from 0 to <see cref="LanguageCount"/> - 1, names compared ignoring case: a request compares numbers, not names.</summary>
    public IReadOnlyList<int> LanguageKeys { get; }

    public int LanguageCount { get; }
    public int Count => Songs.Count;

    /// <summary>The song's row, or -1 for a song not in this catalog (added since).</summary>
    public int RowOf(string songId) => _rows.GetValueOrDefault(songId, -1);

    /// <summary>Each name's number in order of first appearance, names compared ignoring case.</summary>
    private static int[] Keys(IEnumerable<string> names)
    {
        var keys = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        return names.Select(name => keys.TryGetValue(name, out var key) ? key : keys[name] = keys.Count).ToArray();
    }

    /// <summary>The rows of these song ids that are in this catalog, in their order.</summary>
    public List<int> RowsOf(IEnumerable<string> songIds)
    {
        var rows = new List<int>();
        foreach (var songId in songIds)
        {
            if (RowOf(songId) is var row and >= 0) rows.Add(row);
        }
        return rows;
    }
}
