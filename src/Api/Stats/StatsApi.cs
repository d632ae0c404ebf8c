using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Stats;

public static class StatsApi
{
    public static RouteGroupBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/stats").WithTags("Stats").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/", GetStats).WithSummary("How much the venue has recorded");
        group.MapGet("/events", GetEventTraffic).WithSummary("Events per hour (UTC) and type over the last days");

        return group;
    }

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

    /// <param name="days">Days back from the current hour: 1 to 31.</param>
    private static async Task<Results<Ok<EventTrafficResponse>, ValidationProblem>> GetEventTraffic(
        KtvDbContext db, TimeProvider clock, CancellationToken cancellationToken, int days = 7)
    {
        var errors = new ValidationErrors();
        errors.CheckRange("days", days, 1, 31);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        var now = clock.GetUtcNow().UtcDateTime;
        var from = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(1 - days * 24);
        // Grouped in the database: a week of a busy venue is hundreds of thousands of events, the answer a few thousand rows.
        var hours = await db.Events.AsNoTracking().Where(e => e.OccurredAt >= from)
            .GroupBy(e => new { e.OccurredAt.Date, e.OccurredAt.Hour, e.Type })
            .Select(g => new { g.Key.Date, g.Key.Hour, g.Key.Type, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var rows = hours
            .Select(h => new EventHour(DateTime.SpecifyKind(h.Date, DateTimeKind.Utc).AddHours(h.Hour), h.Type, h.Count))
            .OrderBy(h => h.Hour).ThenBy(h => h.Type).ToList();
        return TypedResults.Ok(new EventTrafficResponse(from, rows));
    }
}
