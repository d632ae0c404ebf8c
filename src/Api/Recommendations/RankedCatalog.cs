using KtvRec.Domain.Songs;
using KtvRec.Training.Pipeline;

namespace KtvRec.Api.Recommendations;

/// <summary>A song and its popularity: how many people enjoyed it in the popularity window.</summary>
internal sealed record RankedSong(Song Song, double Score)
{
    /// <summary>Its place in the catalog's <see cref="RankedCatalog.Songs"/>.</summary>
    public int Position { get; init; }

    /// <summary>Its artist's number in the catalog (names compared ignoring case): what variety counts by, with no name hashed per candidate.</summary>
    public int ArtistKey { get; init; }
}

/// <summary>
/// The catalog in popularity order, overall and per language, computed once per cache period so a request walks only
/// as far down each list as it needs instead of filtering the whole catalog.
/// </summary>
internal sealed class RankedCatalog
{
    private readonly Dictionary<string, RankedSong[]> _byLanguage;
    private readonly Dictionary<string, RankedSong> _byId;
    private ModelPopularity? _forModel;
    private CatalogFacets? _facets;

    /// <param name="Positions">Each of the model's rows' place in <see cref="Songs"/>; -1 for a song no longer in the catalog.</param>
    /// <param name="Rows">Each place's row in the model; -1 for a song the model does not know (added since).</param>
    private sealed record ModelPopularity(ServedModel Model, SongPopularity Popularity, int[] Positions, int[] Rows);

    public RankedCatalog(IReadOnlyList<RankedSong> songs)
    {
        var artists = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        Songs = songs.Select((song, position) => song with
        {
            Position = position,
            ArtistKey = artists.TryGetValue(song.Song.Artist, out var key) ? key : artists[song.Song.Artist] = artists.Count,
        }).ToArray();
        songs = Songs;
        _byLanguage = songs
            .GroupBy(s => s.Song.Language, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byId = songs.ToDictionary(s => s.Song.Id, StringComparer.Ordinal);
    }

    /// <summary>The song with this id and its popularity; null for a song added after the ranking was computed.</summary>
    public RankedSong? Find(string songId) => _byId.GetValueOrDefault(songId);

    public IReadOnlyList<RankedSong> Songs { get; }

    /// <summary>The catalog's songs by language, genre, decade, tag and artist: what a filter is checked against and matched in.</summary>
    public CatalogFacets Facets => LazyInitializer.EnsureInitialized(ref _facets, () => new CatalogFacets(Songs));

    /// <summary>The songs a filter keeps; null (every song) without a filter, so a plain list builds no mask.</summary>
    public SongMatch? Match(SongFilter filter) => filter.IsEmpty ? null : Facets.Match(filter);

    public IReadOnlyList<RankedSong> InLanguage(string language) => _byLanguage.GetValueOrDefault(language) ?? [];

    /// <summary>The most popular songs in any of <paramref name="languages"/>, in popularity order.</summary>
    public IEnumerable<RankedSong> InLanguages(IReadOnlyCollection<string> languages) =>
        languages.Count switch
        {
            0 => [],
            1 => InLanguage(languages.First()),
            _ => Merged([.. languages.Select(InLanguage).Distinct()]),
        };

    /// <summary>Lists in popularity order merged into one, read only as far as the reader goes (not a scan of the catalog).</summary>
    private static IEnumerable<RankedSong> Merged(IReadOnlyList<RankedSong>[] lists)
    {
        var next = new int[lists.Length];
        while (true)
        {
            var best = -1;
            for (var i = 0; i < lists.Length; i++)
            {
                if (next[i] < lists[i].Count && (best < 0 || lists[i][next[i]].Position < lists[best][next[best]].Position)) best = i;
            }
            if (best < 0) yield break;
            yield return lists[best][next[best]++];
        }
    }

    /// <summary>Without a model: popular songs in the languages that matter here first, then the rest.</summary>
    public IEnumerable<RankedSong> InLanguagesFirst(IReadOnlySet<string> languages) =>
        languages.Count == 0 ? Songs : InLanguages(languages).Concat(Songs.Where(s => !languages.Contains(s.Song.Language)));

    /// <summary>
    /// This popularity in a served model's rows, built on the first request to need it (once per catalog and model): a
    /// request then works in rows, never by song id. Songs added after the model was prepared wait for the next one.
    /// </summary>
    public SongPopularity PopularityFor(ServedModel model) => ForModel(model).Popularity;

    /// <summary>Each of a served model's rows' place in <see cref="Songs"/> (-1 for a song no longer listed): how a filter's match reads rows.</summary>
    public int[] PositionsFor(ServedModel model) => ForModel(model).Positions;

    /// <summary>The song at a served model's row, by its place rather than its id (no string hashed per candidate); null for a song no longer listed.</summary>
    public RankedSong? SongAt(ServedModel model, int row) => ForModel(model).Positions[row] is var position and >= 0 ? Songs[position] : null;

    /// <summary>The served model's rows a filter's match keeps, as a test per row and in popularity order; null (every row) without a filter.</summary>
    public RowFilter? RowsIn(ServedModel model, SongMatch? match)
    {
        if (match is null) return null;
        var forModel = ForModel(model);
        return new RowFilter(row => match.Contains(forModel.Positions[row]), match.Positions().Select(p => forModel.Rows[p]).Where(row => row >= 0));
    }

    private ModelPopularity ForModel(ServedModel model)
    {
        var cached = Volatile.Read(ref _forModel);
        if (cached?.Model == model) return cached;
        var rows = new List<int>(Songs.Count);
        var positions = new int[model.Rows.Count];
        Array.Fill(positions, -1);
        var rowAt = new int[Songs.Count];
        foreach (var song in Songs)
        {
            rowAt[song.Position] = model.Rows.RowOf(song.Song.Id);
            if (rowAt[song.Position] is not (var row and >= 0)) continue;
            rows.Add(row);
            positions[row] = song.Position;
        }
        var made = new ModelPopularity(model, new SongPopularity(rows, model.Rows.Languages), positions, rowAt);
        Volatile.Write(ref _forModel, made);
        return made;
    }

    /// <summary>The artists of these songs (e.g. what a room sang tonight).</summary>
    public HashSet<string> ArtistsOf(IEnumerable<string> songIds) =>
        songIds.Select(Find).OfType<RankedSong>().Select(s => s.Song.Artist).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The languages of these songs (e.g. what a room sang tonight).</summary>
    public HashSet<string> LanguagesOf(IEnumerable<string> songIds) =>
        songIds.Select(Find).OfType<RankedSong>().Select(s => s.Song.Language).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
