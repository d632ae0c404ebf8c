using KtvRec.Api.Rules;

namespace KtvRec.Api.Recommendations;

/// <summary>
/// What one list may hold: not what it leaves out (<paramref name="Excluded"/>: sung a moment ago, the queue, blocked),
/// and what its filter keeps (<paramref name="Match"/>; everything without a filter).
/// </summary>
internal sealed record AllowedSongs(HashSet<string> Excluded, SongMatch? Match)
{
    public bool Allows(RankedSong song) => Match?.Contains(song.Position) != false && !Excluded.Contains(song.Song.Id);

    /// <summary>The songs the venue's rules place that this list may hold, in popularity's order: a list without a model places them so.</summary>
    public IEnumerable<RankedSong> Placeable(RankedCatalog catalog, ActiveRules rules) =>
        rules.Placed.Select(catalog.Find).OfType<RankedSong>().Where(Allows).OrderBy(song => song.Position);
}
