using KtvRec.Api.State;
using KtvRec.Domain.Storage;
using KtvRec.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Users;

/// <summary>Creates or updates users' profiles in one transaction; PUT /users and the demo venue share it.</summary>
internal sealed class UserDirectory(KtvDbContext db, VenueState venue, TimeProvider clock)
{
    /// <summary>Writes validated profiles; returns the stored users and how many were new.</summary>
    public async Task<(IReadOnlyList<User> Users, int Created)> UpsertAsync(
        IReadOnlyList<(string Id, UserProfileRequest Profile)> profiles, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // IMMEDIATE: a concurrent first event of the same user cannot insert it between our read and our write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = profiles.Select(p => p.Id).ToList();
        var existing = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        // Under the write lock: no other write commits between this read and our commit, so revisions rise in commit order.
        var revision = (await db.Users.MaxAsync(u => (long?)u.ProfileRevision, cancellationToken) ?? 0) + 1;
        var created = 0;
        var users = new List<User>(profiles.Count);
        foreach (var (id, profile) in profiles)
        {
            if (!existing.TryGetValue(id, out var user))
            {
                existing[id] = user = new User { Id = id, CreatedAt = now };
                db.Users.Add(user);
                created++;
            }
            user.BirthYear = profile.BirthYear;
            user.Gender = profile.Gender;
            user.Region = profile.Region;
            user.PreferredLanguages = profile.PreferredLanguages?.ToList() ?? [];
            user.UpdatedAt = now;
            user.ProfileRevision = revision;
            users.Add(user);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        venue.Users.SetProfiles(users);
        return (users, created);
    }
}
