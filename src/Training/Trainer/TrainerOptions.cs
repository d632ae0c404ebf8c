namespace KtvRec.Training.Trainer;

/// <summary>How a model is fitted: Adam on mini-batches, L2 on the embeddings used, gradient clipping, and early stopping on a validation figure (ranking NDCG for a venue, else AUC) with learning-rate decay.</summary>
public sealed record TrainerOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 1024;
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight of the squared norm of the embeddings each batch looks up.</summary>
    public double L2 { get; init; } = 1e-6;

    /// <summary>Gradients are scaled down when their global norm exceeds this.</summary>
    public double ClipNorm { get; init; } = 10;

    /// <summary>Epochs without a better validation figure before training stops; each one halves the learning rate.</summary>
    public int Patience { get; init; } = 2;
    public double LearningRateDecay { get; init; } = 0.5;

    public int Seed { get; init; } = 42;

    /// <summary>CPU threads for libtorch; null leaves libtorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>auto (CUDA when available), cpu or cuda.</summary>
    public string Device { get; init; } = "auto";
}

/// <summary>What one epoch did, for logs and for anyone watching a training run.</summary>
/// <param name="ValidationNdcg">The ranking figure epochs were chosen on, when training was given one.</param>
public sealed record EpochReport(
    int Epoch, double TrainLoss, double ValidationAuc, double ValidationLogLoss, double SamplesPerSecond,
    double LearningRate, double Seconds, double? ValidationNdcg = null);
