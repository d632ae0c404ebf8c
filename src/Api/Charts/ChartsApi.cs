using KtvRec.Api.Recommendations;
using KtvRec.Api.Security;
using KtvRec.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KtvRec.Api.Charts;

/// <summary>The venue's charts: one endpoint, GET /charts, over the counts <see cref="VenueCharts"/> keeps.</summary>
internal static class ChartsApi
{
    public static IServiceCollection AddCharts(this IServiceCollection services) => services.AddSingleton<VenueCharts>();

    public static RouteHandlerBuilder MapCharts(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/charts", GetChart)
            .WithTags("Charts").RequireAuthorization(SecuritySetup.ReadPolicy)
            .WithSummary("The venue's most sung songs of the last day, week or month, with their movement")
            .WithDescription(
                "Counted as popularity is: how many people enjoyed each song (sang it to the end, liked it, scored it high) in the " +
                "period up to now; each entry's movement is against the period before on the same chart (the same filters). " +
                "Takes the lists' filters: language, genre, decade, tag, artist, exclude. Counts are taken at most every " +
                "KtvRec:Recommendations:PopularityCacheSeconds.");

    /// <param name="period" example="week">day (the last 24 hours), week (7 days) or month (30 days).</param>
    /// <param name="count" example="20">How many songs, 1 to KtvRec:Recommendations:MaxCount (100 by default).</param>
    private static async Task<Results<Ok<ChartResponse>, ValidationProblem>> GetChart(
        [AsParameters] ListFilterQuery query, VenueCharts charts, ListServices services, CancellationToken cancellationToken,
        string period = "week", int count = RecommendationsApi.DefaultCount)
    {
        var errors = new ValidationErrors();
        ChartPeriod? span = period.ToLowerInvariant() switch { "day" => ChartPeriod.Day, "week" => ChartPeriod.Week, "month" => ChartPeriod.Month, _ => null };
        if (span is null) errors.Add("period", $"must be day, week or month (got '{period}').");
        errors.CheckRange("count", count, 1, services.Options.Value.MaxCount);
        var filter = await services.ReadFilterAsync(errors, query, null, cancellationToken);
        if (!errors.IsEmpty) return TypedResults.ValidationProblem(errors.ToDictionary());

        return TypedResults.Ok(await charts.ChartAsync(span!.Value, count, filter, cancellationToken));
    }
}
