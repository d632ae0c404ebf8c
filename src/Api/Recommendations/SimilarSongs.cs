using KtvRec.Api.Rules;
using KtvRec.Api.Serving;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Recommendations;

/// <param name="Rank">1 for the most similar.</param>
/// <param name="Similarity">How strongly the same people sing both: the serving model's walk weight from this song to that one (the chance of going from it to a listener and on to that song, its popularity discounted); higher is stronger.</param>
internal sealed record SimilarSong(int Rank, string SongId, string Title, string Artist, string Language, string Genre, double Similarity);

/// <param name="ModelVersion">The model whose neighbours these are; null when no model serves yet (the list is then empty).</param>
/// <param name="Items">Strongest first; empty for a song no one sang in the model's training window.</param>
internal sealed record SimilarSongsResponse(string SongId, string? ModelVersion, IReadOnlyList<SimilarSong> Items);

/// <summary>
/// The songs people sing with a given one: the serving model's walk between songs through their listeners (one of
/// the two sources of "because you sang X" songs on a list), limited to songs in the catalog.
/// </summary>
internal sealed class SimilarSongs(PopularityRanking popularity, ModelHolder models, RuleBook rules, KtvDbContext db)
{
    /// <returns>Null when the song is not in the catalog.</returns>
    /// <param name="filter">Songs the caller leaves out (the room's queue) and those it keeps (a tab).</param>
    public async Task<SimilarSongsResponse?> FindAsync(string songId, int count, ListFilter filter, CancellationToken cancellationToken)
    {
        var catalog = await popularity.GetAsync(cancellationToken);
        // A song added after the ranking was computed exists but has no neighbours yet.
        if (catalog.Find(songId) is null && !await db.Songs.AnyAsync(s => s.Id == songId, cancellationToken)) return null;

        using var lease = models.Acquire();
        if (lease is null) return new SimilarSongsResponse(songId, null, []);
        var match = catalog.Match(filter.Songs);
        var blocked = rules.Active().Blocked;
        var items = new List<SimilarSong>(count);
        foreach (var (neighbourId, similarity) in lease.Model.Similarity.Walk.Of(songId))
        {
            if (items.Count == count) break;
            if (filter.Exclude.Contains(neighbourId) || blocked.Contains(neighbourId) || catalog.Find(neighbourId) is not { } ranked || match?.Contains(ranked.Position) == false) continue;
            var song = ranked.Song;
            items.Add(new SimilarSong(items.Count + 1, song.Id, song.Title, song.Artist, song.Language, song.Genre, Math.Round(similarity, 6)));
        }
        return new SimilarSongsResponse(songId, lease.Model.Metadata.Version, items);
    }
}
