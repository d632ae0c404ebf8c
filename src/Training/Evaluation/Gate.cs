namespace KtvRec.Training.Evaluation;

/// <summary>The serving model and the new one on the same held-out users, those whose songs came after the serving model's data: neither has seen them.</summary>
public sealed record ServingComparison(int Users, double ServingNdcg, double NewNdcg);

/// <summary>
/// Whether a new model may serve, judged on what it ranks for the gate's held-out users (users that chose nothing
/// about it): its default lists must beat popularity's, must not trail its own candidates in their sources' order (a
/// ranker that makes the lists worse has not earned its place), and must not trail the serving model's, each by no
/// more than the tolerance, where the two can be compared fairly.
/// </summary>
public static class Gate
{
    /// <summary>Gate users whose held-out songs came after the serving model's data needed before the two are compared.</summary>
    public const int MinComparableUsers = 30;

    public static (bool Passed, string Reason) Judge(RankingReport report, ServingComparison? serving, double tolerance)
    {
        var k = report.K;
        var figures = $"NDCG@{k} {report.Model.Ndcg:F4}, Recall@{k} {report.Model.Recall:F4} over {report.Users} users; popularity {report.Popularity.Ndcg:F4}, " +
                      $"favourites then item-kNN {report.FavouritesThenKnn.Ndcg:F4}; discovery {report.Discovery.Ndcg:F4} (item-kNN {report.Knn.Ndcg:F4}, " +
                      $"EASE {report.Ease.Ndcg:F4}); without the ranker {report.WithoutModel.Ndcg:F4}";
        if (report.Users == 0) return (false, "no user has enough songs to hold out: nothing to judge a model on");
        if (report.Model.Ndcg <= report.Popularity.Ndcg) return (false, $"{figures}: does not beat popularity");
        if (report.Model.Ndcg < report.WithoutModel.Ndcg - tolerance)
            return (false, $"{figures}: worse than its candidates without the ranker (tolerance {tolerance})");
        if (serving is { Users: >= MinComparableUsers } compared && compared.NewNdcg < compared.ServingNdcg - tolerance)
        {
            return (false, $"{figures}: worse than the serving model on the {compared.Users} users who sang since its data " +
                           $"({compared.NewNdcg:F4} against {compared.ServingNdcg:F4}, tolerance {tolerance})");
        }
        var versus = serving switch
        {
            { Users: >= MinComparableUsers } c => $"; the serving model {c.ServingNdcg:F4} against {c.NewNdcg:F4} on the {c.Users} users who sang since its data (tolerance {tolerance})",
            { } c => $"; not compared with the serving model: {c.Users} of the users sang since its data, {MinComparableUsers} needed",
            null => "",
        };
        return (true, figures + versus);
    }
}
