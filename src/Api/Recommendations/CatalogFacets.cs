using System.Collections.Concurrent;
using KtvRec.Api.Validation;
using KtvRec.Domain.Songs;

namespace KtvRec.Api.Recommendations;

/// <summary>The songs of a ranked catalog that a filter keeps, as bits over the catalog's positions.</summary>
/// <param name="Count">How many songs of the catalog match.</param>
internal sealed record SongMatch(ulong[] Bits, int Count)
{
    public bool Contains(int position) => position >= 0 && (Bits[position >> 6] & (1UL << position)) != 0;

    /// <summary>The matching songs' places in the catalog, in order (the catalog's popularity order), read as far as the caller goes.</summary>
    public IEnumerable<int> Positions()
    {
        for (var w = 0; w < Bits.Length; w++)
        {
            for (var word = Bits[w]; word != 0; word &= word - 1)
                yield return (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
        }
    }
}

/// <summary>
/// A ranked catalog's songs by language, genre, decade, tag and artist: what a filter's values are checked against (a
/// value no song has is a mistake to report, not an empty list) and where its songs are looked up. Built once per
/// ranking, on the first filtered request. A value many songs share keeps its bits, so a tab a jukebox shows all night
/// costs some word operations per request rather than a pass over the catalog.
/// </summary>
internal sealed class CatalogFacets
{
    // Printed with an unknown value, so the caller sees what there is; an artist's name is not listed (thousands).
    private const int KnownShown = 40;

    private readonly int _songs;
    private readonly int _words;
    private readonly int _kept;
    private readonly Dictionary<string, int[]> _languages;
    private readonly Dictionary<string, int[]> _genres;
    private readonly Dictionary<int, int[]> _decades;
    private readonly Dictionary<string, int[]> _tags;
    private readonly Dictionary<string, int[]> _artists;
    private readonly ConcurrentDictionary<int[], ulong[]> _bits = new(ReferenceEqualityComparer.Instance);

    public CatalogFacets(IReadOnlyList<RankedSong> songs)
    {
        _songs = songs.Count;
        _words = (songs.Count + 63) / 64;
        // A value on this many songs or more is kept as bits: setting its songs one by one would cost more than its words.
        _kept = Math.Max(songs.Count / 64, 1);
        _languages = Index(songs, song => [song.Language]);
        _genres = Index(songs, song => [song.Genre]);
        _tags = Index(songs, song => song.Tags);
        _artists = Index(songs, song => [song.Artist]);
        _decades = Enumerable.Range(0, songs.Count)
            .Where(p => songs[p].Song.ReleaseYear is not null)
            .GroupBy(p => SongFilter.DecadeOf(songs[p].Song.ReleaseYear)!.Value)
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Adds an error for each value no song in the catalog has, naming its parameter.</summary>
    public void Check(ValidationErrors errors, SongFilter filter)
    {
        Unknown(errors, "language", filter.Languages, _languages);
        Unknown(errors, "genre", filter.Genres, _genres);
        Unknown(errors, "tag", filter.Tags, _tags);
        Unknown(errors, "artist", filter.Artists, _artists, listKnown: false);
        foreach (var decade in filter.Decades.Where(d => !_decades.ContainsKey(d)))
            errors.Add("decade", $"no song in the catalog is from the {decade}s (there are songs from: {string.Join(", ", _decades.Keys.Order())}).");
    }

    /// <summary>The songs the filter keeps; a value no song has (<see cref="Check"/>: e.g. one gone since it was checked) keeps none.</summary>
    public SongMatch Match(SongFilter filter)
    {
        ulong[]? bits = null;
        Keep(ref bits, filter.Languages.Select(v => _languages.GetValueOrDefault(v) ?? []));
        Keep(ref bits, filter.Genres.Select(v => _genres.GetValueOrDefault(v) ?? []));
        Keep(ref bits, filter.Decades.Select(v => _decades.GetValueOrDefault(v) ?? []));
        Keep(ref bits, filter.Tags.Select(v => _tags.GetValueOrDefault(v) ?? []));
        Keep(ref bits, filter.Artists.Select(v => _artists.GetValueOrDefault(v) ?? []));
        bits ??= Bits([.. Enumerable.Range(0, _songs)]);
        var count = 0;
        foreach (var word in bits) count += System.Numerics.BitOperations.PopCount(word);
        return new SongMatch(bits, count);
    }

    /// <summary>Narrows <paramref name="bits"/> to the songs of any of these values (a filter's values for one field); none leaves it as it is.</summary>
    private void Keep(ref ulong[]? bits, IEnumerable<int[]> values)
    {
        ulong[]? any = null;
        foreach (var positions in values)
        {
            any ??= new ulong[_words];
            if (positions.Length >= _kept)
            {
                var kept = _bits.GetOrAdd(positions, Bits);
                for (var w = 0; w < _words; w++) any[w] |= kept[w];
            }
            else
            {
                foreach (var p in positions) any[p >> 6] |= 1UL << p;
            }
        }
        if (any is null) return;
        if (bits is null)
        {
            bits = any;
            return;
        }
        for (var w = 0; w < _words; w++) bits[w] &= any[w];
    }

    private ulong[] Bits(int[] positions)
    {
        var bits = new ulong[_words];
        foreach (var p in positions) bits[p >> 6] |= 1UL << p;
        return bits;
    }

    private static Dictionary<string, int[]> Index(IReadOnlyList<RankedSong> songs, Func<Song, IEnumerable<string>> values)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var p = 0; p < songs.Count; p++)
        {
            foreach (var value in values(songs[p].Song).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!index.TryGetValue(value, out var positions)) index[value] = positions = [];
                positions.Add(p);
            }
        }
        return index.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    private static void Unknown(
        ValidationErrors errors, string field, IReadOnlySet<string> values, Dictionary<string, int[]> known, bool listKnown = true)
    {
        foreach (var value in values.Where(v => !known.ContainsKey(v)))
        {
            var shown = listKnown && known.Count <= KnownShown ? $" (the catalog has: {string.Join(", ", known.Keys.Order(StringComparer.OrdinalIgnoreCase))})" : "";
            errors.Add(field, $"no song in the catalog has {field} '{value}'{shown}.");
        }
    }
}
