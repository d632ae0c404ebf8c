namespace KtvRec.Api.Feedback;

/// <param name="Shown">Songs shown on lists: each song of a list with an impression or a pick, once per list.</param>
/// <param name="Picked">Of those, the songs picked from the list: any event other than an impression echoing the list's id (a play, above all).</param>
/// <param name="Rate">Picked / Shown; 0 when nothing was shown.</param>
internal sealed record PickRate(int Shown, int Picked, double Rate)
{
    public static PickRate Of(int shown, int picked) => new(shown, picked, shown == 0 ? 0 : Math.Round((double)picked / shown, 4));
}

/// <summary>The pick rate of one model version's lists, overall and by strategy.</summary>
internal sealed record ModelPickRate(int Shown, int Picked, double Rate, IReadOnlyDictionary<string, PickRate> ByStrategy);

/// <param name="Day">The day (UTC) the lists were issued.</param>
/// <param name="ModelVersion">The model that ranked the lists; null for lists popularity ranked.</param>
/// <param name="Strategy">How the lists were made: deepfm, popularity, cold_start or group.</param>
internal sealed record PickRateDay(DateOnly Day, string? ModelVersion, string Strategy, int Shown, int Picked, double Rate);

/// <param name="Since">Lists issued since then count (KtvRec:Feedback:PickRateDays back).</param>
/// <param name="Days">One row per day, model version and strategy, oldest first.</param>
internal sealed record PickRatesResponse(DateTime Since, PickRate Total, IReadOnlyList<PickRateDay> Days);

/// <param name="Strategy">How the lists were made: deepfm, popularity, cold_start or group.</param>
/// <param name="Lists">Lists served that day (UTC), by every node.</param>
internal sealed record RecommendationDayResponse(DateOnly Day, string Strategy, long Lists);

/// <param name="From">The first day counted.</param>
/// <param name="Days">One row per day and strategy that served a list, oldest first.</param>
internal sealed record RecommendationTrafficResponse(DateOnly From, IReadOnlyList<RecommendationDayResponse> Days);
