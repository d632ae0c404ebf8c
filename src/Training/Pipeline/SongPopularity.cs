using KtvRec.Domain.Songs;
using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Pipeline;

/// <summary>
/// The catalog's rows in the venue's popularity order, overall and per language: where the popular candidates come
/// from and what the ranker's popularity field reads. Popularity is the number of people who enjoyed a song in the
/// last <see cref="PipelineOptions.PopularityWindowDays"/>; serving counts it in the database, the retrain and the CLI
/// from the events they hold, and both order the songs with <see cref="Order{T}"/>.
/// </summary>
public sealed class SongPopularity
{
    private readonly int[] _rows;
    private readonly int[] _positions;
    private readonly Dictionary<string, int[]> _byLanguage;

    /// <param name="rowsInOrder">Rows of the catalog, most popular first; rows left out have no place.</param>
    /// <param name="languages">Each row's language.</param>
    public SongPopularity(IReadOnlyList<int> rowsInOrder, IReadOnlyList<string> languages)
    {
        _rows = [.. rowsInOrder];
        _positions = new int[languages.Count];
        Array.Fill(_positions, -1);
        for (var i = 0; i < _rows.Length; i++) _positions[_rows[i]] = i;
        _byLanguage = _rows.GroupBy(row => languages[row], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rows, most popular first.</summary>
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>The row's place (0 the most popular); -1 for a row not ranked.</summary>
    public int PositionOf(int row) => row < _positions.Length ? _positions[row] : -1;

    /// <summary>The popular candidates: the most popular overall first, then the most popular in the languages that matter here, then the rest.</summary>
    public IEnumerable<int> Candidates(IReadOnlyCollection<string> languages, CandidateBudget budget) =>
        _rows.Take(budget.PopularOverall).Concat(InLanguages(languages)).Concat(_rows);

    /// <summary>The most popular rows in any of <paramref name="languages"/>, in popularity order.</summary>
    public IEnumerable<int> InLanguages(IReadOnlyCollection<string> languages)
    {
        var lists = languages.Select(l => _byLanguage.GetValueOrDefault(l)).OfType<int[]>().Distinct().ToArray();
        var next = new int[lists.Length];
        while (true)
        {
            var best = -1;
            for (var i = 0; i < lists.Length; i++)
            {
                if (next[i] < lists[i].Length && (best < 0 || _positions[lists[i][next[i]]] < _positions[lists[best][next[best]]])) best = i;
            }
            if (best < 0) yield break;
            yield return lists[best][next[best]++];
        }
    }

    /// <summary>
    /// The popularity as it stood at <paramref name="end"/>: how many people enjoyed each song in the
    /// <paramref name="windowDays"/> before it, among <paramref name="interactions"/>.
    /// </summary>
    public static SongPopularity At(IEnumerable<Interaction> interactions, DateTime end, int windowDays, CatalogRows catalog)
    {
        var since = end.AddDays(-windowDays);
        var counts = interactions.Where(i => i.Enjoyed && i.At >= since && i.At <= end)
            .GroupBy(i => i.SongId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Select(i => i.UserId).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var order = Order(Enumerable.Range(0, catalog.Count), row => catalog.Songs[row], row => counts.GetValueOrDefault(catalog.Ids[row]));
        return new SongPopularity(order, catalog.Languages);
    }

    /// <summary>
    /// Songs in popularity order: more people enjoyed it in the window first, then the newer release, then by id, so
    /// a young venue's unsung songs still come in a fixed order.
    /// </summary>
    public static List<T> Order<T>(IEnumerable<T> songs, Func<T, Song> song, Func<T, double> enjoyedBy) =>
        songs.OrderByDescending(enjoyedBy)
            .ThenByDescending(s => song(s).ReleaseYear ?? 0)
            .ThenBy(s => song(s).Id, StringComparer.Ordinal)
            .ToList();
}
