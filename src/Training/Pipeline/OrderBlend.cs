namespace KtvRec.Training.Pipeline;

/// <summary>
/// How much a list keeps of its candidates' own order (the user's songs, EASE's by rank, the walk's, popular ones)
/// beside the ranker: a candidate's score is the ranker's log-odds less <c>weight · ln(1 + its place in that order)</c>.
/// Two orders that are each good and differ in what they know rank better together than either alone; how much of each
/// differs by venue and by list (on MovieLens's discovery lists the blend ranks above both, on a KTV venue's default
/// list the ranker alone leads), so each retrain chooses a weight per kind of list on its selection users
/// (<see cref="Evaluation.PipelineEvaluation.ChooseBlend"/>), and the model carries it.
/// </summary>
/// <param name="Default">The weight for a default list (the user's favourites may come back).</param>
/// <param name="Discovery">The weight for a discovery list (only songs the user never played).</param>
public sealed record OrderBlend(double Default, double Discovery)
{
    /// <summary>The ranker alone: what a model trained before blends were chosen serves with.</summary>
    public static OrderBlend None { get; } = new(0, 0);

    /// <summary>The weights a retrain tries, the ranker alone first (a tie keeps the smaller weight).</summary>
    public static readonly IReadOnlyList<double> Weights = [0, 0.25, 0.5, 1, 2, 4];

    public double For(bool discovery) => discovery ? Discovery : Default;

    /// <summary>A candidate's score: the ranker's log-odds, less the weight times the log of its place (0 first) in the candidates' own order.</summary>
    public static double Score(float probability, int place, double weight)
    {
        var p = Math.Clamp((double)probability, 1e-7, 1 - 1e-7);
        return Math.Log(p / (1 - p)) - weight * Math.Log(1 + place);
    }
}
