using KtvRec.Domain.Simulation;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;

namespace KtvRec.Training.Evaluation;

/// <summary>The ceiling on simulated data: how well the simulator's true probabilities themselves do.</summary>
public static class OracleEvaluation
{
    public static float[] Probabilities(TasteOracle oracle, IReadOnlyList<Interaction> rows) =>
        rows.Select(row => (float)oracle.TrueProbability(row.UserId, row.SongId, row.Context)).ToArray();

    public static double Auc(TasteOracle oracle, KtvDataset data) =>
        BinaryMetrics.Auc(data.Validation.Labels, Probabilities(oracle, data.ValidationInteractions));

    public static RankingReport Ranking(TasteOracle oracle, KtvDataset data, int k, int maxUsers, int seed) =>
        RankingEvaluator.Evaluate(rows => Probabilities(oracle, rows), data, k, maxUsers, seed);
}
