using KtvRec.Domain.Simulation;
using KtvRec.Training.Features;
using KtvRec.Training.Metrics;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Evaluation;

/// <summary>The ceiling on simulated data: how well the simulator's true probabilities themselves do.</summary>
public static class OracleEvaluation
{
    public static float[] Probabilities(TasteOracle oracle, IReadOnlyList<Interaction> rows) =>
        rows.Select(row => (float)oracle.TrueProbability(row.UserId, row.SongId, row.Context)).ToArray();

    public static double Auc(TasteOracle oracle, KtvDataset data) =>
        BinaryMetrics.Auc(data.Validation.Labels, Probabilities(oracle, data.ValidationInteractions));

    /// <summary>The oracle ranks the whole catalog: no candidate stage limits it.</summary>
    public static RankingReport Ranking(TasteOracle oracle, KtvDataset data, SongNeighbours neighbours, int k, int maxUsers, int seed) =>
        RankingEvaluator.Evaluate(rows => Probabilities(oracle, rows), data, neighbours, k, maxUsers, seed, candidates: null);
}
