namespace KtvRec.Training.Trainer;

/// <summary>
/// The settings each retrain may try besides the configured ones, within <see cref="VenueTrainingOptions.SearchBudget"/>:
/// a wider embedding and a faster learning rate, the two that moved ranking quality most on the simulator and Last.fm.
/// Epochs are already chosen by early stopping on NDCG; the sampled negatives are fixed by the dataset.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>The configured settings first, then the variants in the order they are tried.</summary>
    public static IReadOnlyList<VenueTrainingOptions> Variants(VenueTrainingOptions options)
    {
        var faster = options.Trainer with { LearningRate = options.Trainer.LearningRate * 3 };
        return
        [
            options,
            options with { Trainer = faster },
            options with { EmbeddingDim = options.EmbeddingDim * 2 },
            options with { EmbeddingDim = options.EmbeddingDim * 2, Trainer = faster },
        ];
    }

    /// <summary>Whether another trial fits: the time spent so far plus the last trial's again stays within the budget.</summary>
    public static bool Fits(TimeSpan budget, TimeSpan elapsed, TimeSpan lastTrial) => elapsed + lastTrial <= budget;
}
