namespace KtvRec.Domain.Recommendations;

/// <summary>How many recommendation lists one strategy served on one day (UTC), summed over every node.</summary>
public sealed class RecommendationDay
{
    public required DateOnly Day { get; init; }
    public required string Strategy { get; init; }
    public long Lists { get; set; }
}
