using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Features;

/// <summary>
/// What the pipeline knows of one song for one user, as the ranker's pair fields read it: buckets (see
/// <see cref="KtvFeatures.RankBucket"/>) and the two z-scores as values. Training and serving both make it with
/// <see cref="Of"/>, from the same <see cref="UserSignals"/> that made the candidates.
/// </summary>
public readonly record struct PairSignals(
    int PreferredLanguage, int SungBefore, int SungTimes, int SimilarRank, float SimilarScore, int TogetherRank, float TogetherScore, int LatestRank,
    int Popularity, int WindowPopularity)
{
    /// <param name="popularityPosition">The song's place in the venue's popularity lately (0 the most popular); -1 if not ranked.</param>
    /// <param name="windowPosition">The song's place in the popularity of the model's whole window; -1 if nobody enjoyed it there.</param>
    /// <param name="preferredLanguage">The song's <see cref="KtvFeatures.PreferredLanguageToken"/> for this user.</param>
    public static PairSignals Of(UserSignals signals, int row, int popularityPosition, int windowPosition, int preferredLanguage) => new(
        preferredLanguage,
        KtvFeatures.PositionBucket(signals.HistoryPositionOf(row)),
        KtvFeatures.Activity(signals.TimesEnjoyed(row)),
        KtvFeatures.RankBucket(signals.Similar.RankOf(row)),
        KtvFeatures.ScoreValue(signals.Similar.ZOf(row)),
        KtvFeatures.RankBucket(signals.Together.RankOf(row)),
        KtvFeatures.ScoreValue(signals.Together.ZOf(row)),
        KtvFeatures.RankBucket(signals.Latest.RankOf(row)),
        KtvFeatures.PositionBucket(popularityPosition),
        KtvFeatures.PositionBucket(windowPosition));
}
