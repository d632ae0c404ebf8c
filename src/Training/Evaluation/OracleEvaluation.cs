using KtvRec.Domain.Simulation;
using KtvRec.Training.Pipeline;

namespace KtvRec.Training.Evaluation;

/// <summary>The ceiling on simulated data: how well the simulator's true probabilities themselves rank.</summary>
public static class OracleEvaluation
{
    /// <summary>The oracle ranks the whole catalog for each held-out user, in their context, with their default list's exclusions: no candidate stage limits it.</summary>
    public static ListQuality Ranking(TasteOracle oracle, PipelineEvaluation evaluation, CatalogRows catalog, IReadOnlyList<HeldOutUser> users) =>
        ListQuality.Mean(users.Select(user =>
        {
            var request = evaluation.Request(user, discovery: false);
            var ranked = catalog.Ids.Where(song => !request.Excluded.Contains(song))
                .OrderByDescending(song => oracle.TrueProbability(user.UserId, song, user.Context)).ThenBy(song => song, StringComparer.Ordinal)
                .Take(evaluation.K).ToList();
            return PipelineEvaluation.Quality(ranked, user.Relevant, evaluation.K);
        }).ToList());
}
