using KtvRec.Api.Security;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Stats;

/// <param name="LatestEventAt">When the newest event happened; null before the first.</param>
public sealed record StatsResponse(int Users, int Songs, int Sessions, int Events, DateTime? LatestEventAt);

public static class StatsApi
{
    public static RouteHandlerBuilder MapStats(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/stats", GetStats).WithTags("Stats").WithSummary("How much the venue has recorded")
            .RequireAuthorization(SecuritySetup.ReadPolicy);

    private static async Task<Ok<StatsResponse>> GetStats(KtvDbContext db, CancellationToken cancellationToken)
    {
        var latest = await db.Events.OrderByDescending(e => e.OccurredAt).Select(e => (DateTime?)e.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new StatsResponse(
            await db.Users.CountAsync(cancellationToken),
            await db.Songs.CountAsync(cancellationToken),
            await db.Sessions.CountAsync(cancellationToken),
            await db.Events.CountAsync(cancellationToken),
            latest));
    }
}
