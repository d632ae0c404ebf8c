using KtvRec.Domain;
using KtvRec.Domain.Events;

namespace KtvRec.Training.Features;

/// <summary>What one user did with one song on one occasion, boiled down to a label.</summary>
/// <param name="Sampled">A negative drawn at random (a song the user did not pick then), not something they did.</param>
public sealed record Interaction(
    string UserId, string SongId, string? SessionId, DateTime At, PlayContext Context, bool Positive, bool Sampled = false)
{
    /// <summary>Something the user did and enjoyed: a positive that was not drawn at random.</summary>
    public bool Enjoyed => Positive && !Sampled;
}

public static class Interactions
{
    /// <summary>A score at least this high counts as enjoying the song.</summary>
    public const double HighScore = 70;

    /// <summary>A skip before this share of the song is an early skip: the user did not want it.</summary>
    public const double EarlySkip = 0.5;

    /// <summary>
    /// Groups a venue's events by user, song and session (or day, without a session). Positive: completed, liked,
    /// favorited or scored high. Negative, when nothing was positive: skipped early, or shown in a list (an
    /// impression) and not picked. Anything else (a play with no outcome, a late skip) says too little and is left out.
    /// </summary>
    public static List<Interaction> From(VenueSnapshot venue)
    {
        var partySizes = venue.Sessions.ToDictionary(s => s.Id, s => s.Members.Count);
        var interactions = new List<Interaction>();
        var groups = venue.Events.GroupBy(e => (e.UserId, e.SongId, Occasion: e.SessionId ?? e.OccurredAt.Date.ToString("yyyyMMdd")));
        foreach (var group in groups)
        {
            var positive = group.Any(e =>
                e.Type is EventType.Complete or EventType.Like or EventType.Favorite
                || (e.Type == EventType.Score && e.Score >= HighScore));
            var negative = !positive && (
                group.Any(e => e.Type == EventType.Skip && (e.Progress ?? 0) < EarlySkip)
                || (group.Any(e => e.Type == EventType.Impression) && !group.Any(e => e.Type == EventType.Play)));
            if (!positive && !negative) continue;

            var first = group.MinBy(e => e.OccurredAt)!;
            var partySize = first.SessionId is { } session ? partySizes.GetValueOrDefault(session) : 0;
            interactions.Add(new Interaction(
                first.UserId, first.SongId, first.SessionId, first.OccurredAt, PlayContext.At(first.OccurredAt, partySize), positive));
        }
        return interactions.OrderBy(i => i.At).ToList();
    }
}
