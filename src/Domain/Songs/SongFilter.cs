namespace KtvRec.Domain.Songs;

/// <summary>
/// Which songs a list may hold, as a jukebox's tabs ask for them ("Cantonese", "the 90s", "duets"): a song in any of
/// the languages given, and of any of the genres, and of any of the decades, and with any of the tags, and by any of
/// the artists. Texts compare ignoring case; an empty set does not restrict.
/// </summary>
/// <param name="Decades">First years of decades (1990 for the 90s); a song without a release year is in none.</param>
public sealed record SongFilter(
    IReadOnlySet<string> Languages, IReadOnlySet<string> Genres, IReadOnlySet<int> Decades, IReadOnlySet<string> Tags, IReadOnlySet<string> Artists)
{
    /// <summary>Every song.</summary>
    public static SongFilter None { get; } = new(Texts([]), Texts([]), new HashSet<int>(), Texts([]), Texts([]));

    public bool IsEmpty => Languages.Count + Genres.Count + Decades.Count + Tags.Count + Artists.Count == 0;

    public bool Matches(Song song) =>
        (Languages.Count == 0 || Languages.Contains(song.Language))
        && (Genres.Count == 0 || Genres.Contains(song.Genre))
        && (Decades.Count == 0 || (DecadeOf(song.ReleaseYear) is { } decade && Decades.Contains(decade)))
        && (Tags.Count == 0 || song.Tags.Any(Tags.Contains))
        && (Artists.Count == 0 || Artists.Contains(song.Artist));

    /// <summary>The first year of the year's decade (1994 → 1990); null without a year.</summary>
    public static int? DecadeOf(int? year) => year is { } y ? y - (((y % 10) + 10) % 10) : null;

    /// <summary>A set of texts as a filter compares them: ignoring case.</summary>
    public static IReadOnlySet<string> Texts(IEnumerable<string> values) => new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
}
