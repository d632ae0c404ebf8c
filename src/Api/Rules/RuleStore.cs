using KtvRec.Domain.Rules;
using KtvRec.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Rules;

/// <summary>
/// Writes the venue's rules: each change under the database's write lock with the next revision, so every node's
/// state feed reads it in commit order, and into this node's <see cref="RuleBook"/> at once.
/// </summary>
internal sealed class RuleStore(KtvDbContext db, RuleBook book, TimeProvider clock)
{
    /// <returns>Null when the song is not in the catalog.</returns>
    public async Task<VenueRule?> AddAsync(RuleRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Songs.AnyAsync(s => s.Id == request.SongId, cancellationToken)) return null;
        var rule = new VenueRule
        {
            Id = $"rule-{Guid.CreateVersion7():N}",
            Kind = request.ParsedKind!.Value,
            SongId = request.SongId!,
            Position = request.Position,
            StartsAt = request.StartsAt?.UtcDateTime,
            EndsAt = request.EndsAt?.UtcDateTime,
            Note = request.Note,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Revision = await NextRevisionAsync(cancellationToken),
        };
        db.Rules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        book.Apply([rule]);
        return rule;
    }

    /// <summary>Removes a rule (its row stays, marked removed); removing it again changes nothing. Null for an unknown id.</summary>
    public async Task<VenueRule?> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rule = await db.Rules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null || rule.RemovedAt is not null) return rule;
        rule.RemovedAt = clock.GetUtcNow().UtcDateTime;
        rule.Revision = await NextRevisionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        book.Apply([rule]);
        return rule;
    }

    public async Task<RuleListResponse> ListAsync(bool removed, CancellationToken cancellationToken)
    {
        var rules = await db.Rules.AsNoTracking().Where(r => removed || r.RemovedAt == null).OrderByDescending(r => r.Revision).ToListAsync(cancellationToken);
        var revision = await db.Rules.MaxAsync(r => (long?)r.Revision, cancellationToken) ?? 0;
        var now = clock.GetUtcNow().UtcDateTime;
        return new RuleListResponse(revision, rules.ConvertAll(r => RuleResponse.From(r, now)));
    }

    // Under the write lock: no other write commits between this read and our commit, so revisions rise in commit order.
    private async Task<long> NextRevisionAsync(CancellationToken cancellationToken) =>
        (await db.Rules.MaxAsync(r => (long?)r.Revision, cancellationToken) ?? 0) + 1;
}
