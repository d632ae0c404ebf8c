using KtvRec.Api.Hosting;

namespace KtvRec.Api.Feedback;

/// <summary>What was shown and picked: the ids every list carries, the pick rate read back from them, the lists served per day (all read at GET /stats/…, Stats/StatsApi).</summary>
internal static class FeedbackSetup
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddValidatedOptions<FeedbackOptions>(FeedbackOptions.Section);
        services.AddSingleton<RecommendationIds>();
        services.AddSingleton<PickRates>();
        services.AddSingleton<RecommendationTraffic>();
        return services;
    }
}
