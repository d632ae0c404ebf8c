using System.ComponentModel.DataAnnotations;

namespace KtvRec.Api.Recommendations;

/// <summary>Settings under <c>KtvRec:Recommendations</c>.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "KtvRec:Recommendations";

    /// <summary>How far back events count towards a song's popularity.</summary>
    [Range(1, 3650)]
    public int PopularityWindowDays { get; set; } = 30;

    /// <summary>Songs a user completed this recently are not recommended to them again.</summary>
    [Range(0, 24 * 30)]
    public int RecentlySungHours { get; set; } = 6;

    /// <summary>How long a computed popularity ranking is reused before it is computed again.</summary>
    [Range(0, 3600)]
    public int PopularityCacheSeconds { get; set; } = 30;

    [Range(1, 500)]
    public int MaxCount { get; set; } = 100;
}
