using KtvRec.Training.Scoring;

namespace KtvRec.Api.Recommendations;

/// <summary>Each song of a <see cref="RankedCatalog"/> as a row of a served model's <see cref="CatalogScorer"/>, and back.</summary>
public sealed class ScorerRows
{
    private readonly int[] _rowOf;
    private readonly RankedSong?[] _songAt;

    public ScorerRows(RankedCatalog catalog, CatalogScorer scorer)
    {
        Scorer = scorer;
        _rowOf = new int[catalog.Songs.Count];
        _songAt = new RankedSong?[scorer.Count];
        foreach (var song in catalog.Songs)
        {
            var row = _rowOf[song.Position] = scorer.RowOf(song.Song.Id);
            if (row >= 0) _songAt[row] = song;
        }
    }

    public CatalogScorer Scorer { get; }

    /// <summary>The song's row; -1 for a song added after the model was prepared, which waits for the next one.</summary>
    public int RowOf(RankedSong song) => _rowOf[song.Position];

    /// <summary>The song at this row; null for one added after the catalog was ranked, which waits for the next ranking.</summary>
    public RankedSong? SongAt(int row) => _songAt[row];

    /// <summary>The rows of these song ids that the scorer was prepared for.</summary>
    public HashSet<int> RowsOf(IEnumerable<string> songIds)
    {
        var rows = new HashSet<int>();
        foreach (var songId in songIds)
        {
            if (Scorer.RowOf(songId) is var row and >= 0) rows.Add(row);
        }
        return rows;
    }
}
