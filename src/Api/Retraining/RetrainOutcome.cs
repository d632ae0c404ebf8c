namespace KtvRec.Api.Retraining;

/// <summary>How a retrain ended: the label the metrics count and the progress and Hangfire show.</summary>
internal enum RetrainResult
{
    /// <summary>The model passed the gate and serves.</summary>
    Activated,

    /// <summary>The model was trained and judged, and did not pass the gate.</summary>
    Rejected,

    /// <summary>No model: too little data, a broken loss, a timeout, a shutdown or an error.</summary>
    Failed,

    /// <summary>Not run: another training was running, or this job already ran.</summary>
    Skipped,
}

/// <summary>How a retrain ended and why.</summary>
internal sealed record RetrainOutcome(RetrainResult Result, string Reason)
{
    public string Label => Result.ToString().ToLowerInvariant();

    /// <summary>"label: reason", as the training progress and Hangfire's job result show it.</summary>
    public override string ToString() => $"{Label}: {Reason}";
}
