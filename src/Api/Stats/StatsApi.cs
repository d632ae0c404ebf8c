using KtvRec.Api.Feedback;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using KtvRec.Domain.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KtvRec.Api.Stats;

/// <summary>Every GET /stats/… endpoint: what the venue recorded, events per hour, the pick rate and the lists served per day.</summary>
internal static class StatsApi
{
    public static RouteGroupBuilder MapStats(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/stats").WithTags("Stats").RequireAuthorization(SecuritySetup.ReadPolicy);

        group.MapGet("/", GetStats).WithSummary("How much the venue has recorded");
        group.MapGet("/events", GetEventTraffic).WithSummary("Events per hour (UTC) and type over the last days");
        group.MapGet("/pick-rates", GetPickRates)
            .WithSummary("The share of shown songs that were picked, per day, model version and strategy")
            .WithDescription(
                "From the events that echo a list's recommendationId: an impression for each song shown, and the play (or any " +
                "other event) of a song picked from it. Lists of the last KtvRec:Feedback:PickRateDays count, by the day they were issued.");
        group.MapGet("/recommendations", GetRecommendationTraffic)
            .WithSummary("Recommendation lists served per day (UTC) and strategy, by every node")
            .WithDescription(
                "Each node counts the lists it serves and adds them to the stored daily counts every KtvRec:Feedback:TrafficFlushSeconds " +
                "and when it stops; the answer includes what this node has not written yet.");

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

    private static async Task<Ok<PickRatesResponse>> GetPickRates(PickRates pickRates, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pickRates.GetAsync(cancellationToken));

    /// <param name="days">Days back, today included: 1 to 366.</param>
    private static async Task<Results<Ok<RecommendationTrafficResponse>, ValidationProblem>> GetRecommendationTraffic(
        RecommendationTraffic traffic, CancellationToken cancellationToken, int days = 30)
    {
        var errors = new ValidationErrors();
        errors.CheckRange("days", days, 1, 366);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await traffic.ReadAsync(days, cancellationToken));
    }
}
