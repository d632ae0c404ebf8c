namespace KtvRec.Domain.Registry;

public enum ModelStatus
{
    /// <summary>The run is still training.</summary>
    Training,
    /// <summary>The model that serves recommendations; at most one at a time.</summary>
    Active,
    /// <summary>Served before; replaced by a newer or rolled-back version, its files kept for rollback.</summary>
    Retired,
    /// <summary>Trained but refused by the gate (not better than popularity, or worse than the serving model).</summary>
    Rejected,
    /// <summary>The run broke: too little data, a NaN loss, an exception or a shutdown.</summary>
    Failed,
}

/// <summary>One training run and the model it produced: the registry's row.</summary>
public sealed class ModelVersion
{
    public required string Version { get; init; }
    public required string Kind { get; init; }
    public ModelStatus Status { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>
    /// While training: when its worker last said it is still at work. A run whose heartbeat stops (its worker was
    /// killed) is marked failed by the next worker that starts or tries to train; while it beats, no other run starts.
    /// </summary>
    public DateTime? HeartbeatAt { get; set; }

    /// <summary>What started it: schedule, manual, startup, or the Hangfire job id.</summary>
    public string? Trigger { get; init; }
    public string? JobId { get; init; }

    public DateTime? DataFrom { get; set; }
    public DateTime? DataTo { get; set; }
    public int TrainRows { get; set; }
    public int ValidationRows { get; set; }
    public double TrainSeconds { get; set; }

    /// <summary>What the gate measured: recall@20, ndcg@20, discovery_*, without_model_*, popularity_*, knn_*, ease_*, auc, ..., and serving_ndcg@20 (the serving model on the same users).</summary>
    public Dictionary<string, double> Metrics { get; set; } = [];

    /// <summary>Why it was rejected or failed, or how it passed the gate.</summary>
    public string? Reason { get; set; }
}
