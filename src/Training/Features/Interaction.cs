using KtvRec.Domain;
using KtvRec.Domain.Events;

namespace KtvRec.Training.Features;

/// <summary>What one user did with one song on one occasion, boiled down to a label.</summary>
/// <param name="Enjoyed">They enjoyed it (<see cref="Listening.IsEnjoyed(EventType, double?)"/>); otherwise they turned it down.</param>
/// <param name="At">The occasion's first event (the song started): its context's moment.</param>
public sealed record Interaction(string UserId, string SongId, string? SessionId, DateTime At, PlayContext Context, bool Enjoyed)
{
    /// <summary>When they first showed they enjoyed it (sung to the end, liked, ...): its place in their history, as serving keeps it.</summary>
    public DateTime EnjoyedAt { get; init; } = At;
}

public static class Interactions
{
    /// <summary>
    /// Groups a venue's events by user, song and session (or day, without a session). Enjoyed: any event of the group
    /// is (<see cref="Listening"/>). Turned down, when nothing was enjoyed: skipped early, or shown in a list (an
    /// impression) and not played. Anything else (a play with no outcome, a late skip) says too little and is left
    /// out. In time order.
    /// </summary>
    public static List<Interaction> From(VenueSnapshot venue)
    {
        var partySizes = venue.Sessions.ToDictionary(s => s.Id, s => s.Members.Count);
        var interactions = new List<Interaction>();
        var groups = venue.Events.GroupBy(e => (e.UserId, e.SongId, Occasion: Listening.Occasion(e.SessionId, e.OccurredAt)));
        foreach (var group in groups)
        {
            var enjoyed = group.Any(e => e.Enjoyed);
            var turnedDown = !enjoyed && (
                group.Any(e => Listening.IsEarlySkip(e.Type, e.Progress))
                || (group.Any(e => e.Type == EventType.Impression) && !group.Any(e => e.Type == EventType.Play)));
            if (!enjoyed && !turnedDown) continue;

            var first = group.MinBy(e => e.OccurredAt)!;
            var partySize = first.SessionId is { } session ? partySizes.GetValueOrDefault(session) : 0;
            interactions.Add(new Interaction(first.UserId, first.SongId, first.SessionId, first.OccurredAt, PlayContext.At(first.OccurredAt, partySize), enjoyed)
            {
                EnjoyedAt = enjoyed ? group.Where(e => e.Enjoyed).Min(e => e.OccurredAt) : first.OccurredAt,
            });
        }
        return interactions.OrderBy(i => i.At).ThenBy(i => i.UserId, StringComparer.Ordinal).ThenBy(i => i.SongId, StringComparer.Ordinal).ToList();
    }
}
