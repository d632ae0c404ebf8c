using System.Linq.Expressions;

namespace KtvRec.Domain.Events;

/// <summary>
/// What an event says about a user and a song, defined once for training, popularity, serving and evaluation: whether
/// they enjoyed it (sang it to the end, liked it, kept it as a favourite, or scored well), whether they played it, and
/// whether they turned it down (skipped it early).
/// </summary>
public static class Listening
{
    /// <summary>A score at least this high counts as enjoying the song.</summary>
    public const double HighScore = 70;

    /// <summary>A skip before this share of the song is an early skip: the user did not want it.</summary>
    public const double EarlySkip = 0.5;

    /// <summary>Enjoyed: completed, liked, favorited, or scored at least <see cref="HighScore"/>.</summary>
    public static bool IsEnjoyed(EventType type, double? score) =>
        type is EventType.Complete or EventType.Like or EventType.Favorite || (type == EventType.Score && score >= HighScore);

    /// <summary><see cref="IsEnjoyed(EventType, double?)"/> as a query the database runs (popularity is counted there).</summary>
    public static readonly Expression<Func<PlayEvent, bool>> Enjoyed = e =>
        e.Type == EventType.Complete || e.Type == EventType.Like || e.Type == EventType.Favorite
        || (e.Type == EventType.Score && e.Score >= HighScore);

    /// <summary>
    /// The occasion an event belongs to: its room session, or without one its day (UTC). A user enjoys a song once per
    /// occasion however many events say so (sung to the end, then liked and scored): what training labels, and what a
    /// user's history counts, "once per time".
    /// </summary>
    public static string Occasion(string? sessionId, DateTime at) => sessionId ?? at.Date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Started or sung to the end: what a discovery list leaves out and what a room has sung tonight.</summary>
    public static bool IsPlayed(EventType type) => type is EventType.Play or EventType.Complete;

    /// <summary>Skipped before <see cref="EarlySkip"/> of the song: a song the user turned down.</summary>
    public static bool IsEarlySkip(EventType type, double? progress) => type == EventType.Skip && (progress ?? 0) < EarlySkip;
}
