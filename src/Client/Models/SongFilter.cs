namespace KtvRec.Client.Models;

/// <summary>
/// A jukebox's tab: only songs in any of these languages, and of any of these genres, decades, tags and artists (each
/// compared ignoring case; null or empty does not restrict). A value no song in the catalog has is refused (400).
/// </summary>
/// <param name="Decades">First years of decades: 1990 for the 90s.</param>
public sealed record SongFilter(
    IReadOnlyList<string>? Languages = null, IReadOnlyList<string>? Genres = null, IReadOnlyList<int>? Decades = null,
    IReadOnlyList<string>? Tags = null, IReadOnlyList<string>? Artists = null)
{
    /// <summary>The query parameters, one per value (an artist's name may hold a comma).</summary>
    internal IEnumerable<(string Name, string? Value)> Parameters() =>
        Each("language", Languages).Concat(Each("genre", Genres)).Concat(Each("decade", Decades?.Select(d => d.ToString())))
            .Concat(Each("tag", Tags)).Concat(Each("artist", Artists));

    private static IEnumerable<(string Name, string? Value)> Each(string name, IEnumerable<string>? values) =>
        (values ?? []).Select(value => (name, (string?)value));
}
