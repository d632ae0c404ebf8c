using KtvRec.Domain.Songs;

namespace KtvRec.Training.Pipeline;

/// <summary>
/// A catalog's songs by row, the numbers a request works in from the first step: candidates, exclusions, neighbours
/// and scores are rows, so nothing is looked up by song id per candidate. Each row's language (what the
/// preferred-language field compares) and artist key (what variety counts, names compared ignoring case).
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
        var artists = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        ArtistKeys = songs.Select(song => artists.TryGetValue(song.Artist, out var key) ? key : artists[song.Artist] = artists.Count).ToArray();
    }

    public IReadOnlyList<Song> Songs { get; }
    public IReadOnlyList<string> Ids { get; }
    public IReadOnlyList<string> Languages { get; }
    public IReadOnlyList<int> ArtistKeys { get; }
    public int Count => Songs.Count;

    /// <summary>The song's row, or -1 for a song not in this catalog (added since).</summary>
    public int RowOf(string songId) => _rows.GetValueOrDefault(songId, -1);

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
