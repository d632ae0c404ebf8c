using KtvRec.Api.Recommendations;
using KtvRec.Api.Validation;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Songs;

/// <summary>Upserts catalog entries all-or-nothing; PUT, the JSON and CSV imports and the demo venue share it.</summary>
internal sealed class SongCatalog(KtvDbContext db, PopularityRanking popularity, TimeProvider clock)
{
    public const int MaxImportSize = 10_000;

    /// <summary>Every item tidied (<see cref="SongEntry.Tidied"/>), before it is validated; and how many changed.</summary>
    public static (List<SongEntry> Items, int Normalized) Tidy(IEnumerable<SongEntry> items)
    {
        var tidied = items.Select(item => item.Tidied()).ToList();
        return (tidied.Select(t => t.Entry).ToList(), tidied.Count(t => t.Changed));
    }

    public void Validate(IReadOnlyList<SongEntry> items, ValidationErrors errors, Func<int, string> prefix)
    {
        if (items.Count is 0 or > MaxImportSize)
            errors.Add("songs", $"must hold between 1 and {MaxImportSize} songs (got {items.Count}).");
        var firstIndex = new Dictionary<string, int>();
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Validate(errors, prefix(i), clock);
            if (items[i].Id is { } id && !firstIndex.TryAdd(id, i))
                errors.Add($"{prefix(i)}id", $"Song '{id}' is also at {prefix(firstIndex[id]).TrimEnd('.', ':', ' ')}; each id once per import.");
        }
    }

    /// <summary>Writes already tidied and validated items in one transaction.</summary>
    /// <param name="normalized">How many of them tidying changed, for the answer.</param>
    public async Task<CatalogImportResponse> UpsertAsync(IReadOnlyList<SongEntry> items, CancellationToken cancellationToken, int normalized = 0)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // IMMEDIATE: a concurrent import of the same song cannot insert it between our read and our write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = items.Select(i => i.Id!).ToList();
        var existing = await db.Songs.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        foreach (var item in items)
        {
            if (!existing.TryGetValue(item.Id!, out var song))
            {
                song = new Song { Id = item.Id!, Title = "", Artist = "", Language = "", Genre = "", CreatedAt = now };
                db.Songs.Add(song);
            }
            item.CopyTo(song);
            song.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        popularity.CatalogChanged();
        return new CatalogImportResponse(items.Count - existing.Count, existing.Count, normalized);
    }
}
