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
    /// <remarks>
    /// One pass over the events with a few fields per occasion, never the events copied into groups: at ten million
    /// events a GroupBy held them all twice (their structs in its groupings) and peaked gigabytes above the window.
    /// </remarks>
    public static List<Interaction> From(VenueSnapshot venue)
    {
        var partySizes = venue.Sessions.ToDictionary(s => s.Id, s => s.Members.Count);
        // Sized for the most there can be: grown by doubling, each resize would leave the old table behind as garbage.
        var occasions = new Dictionary<(string User, string Song, string? Session, DateTime Day), int>(venue.Events.Count);
        var seen = new List<Occasion>(venue.Events.Count);
        for (var i = 0; i < venue.Events.Count; i++)
        {
            var e = venue.Events[i];
            var key = (e.UserId, e.SongId, e.SessionId, e.SessionId is null ? e.OccurredAt.Date : default);
            if (!occasions.TryGetValue(key, out var index))
            {
                occasions.Add(key, index = seen.Count);
                seen.Add(new Occasion(i));
            }
            seen[index] = seen[index].With(e, i, venue.Events[seen[index].First].OccurredAt);
        }

        var interactions = new List<Interaction>();
        foreach (var occasion in seen)
        {
            var turnedDown = !occasion.Enjoyed && (occasion.SkippedEarly || (occasion.Shown && !occasion.Played));
            if (!occasion.Enjoyed && !turnedDown) continue;
            var first = venue.Events[occasion.First];
            var partySize = first.SessionId is { } session ? partySizes.GetValueOrDefault(session) : 0;
            interactions.Add(new Interaction(first.UserId, first.SongId, first.SessionId, first.OccurredAt, PlayContext.At(first.OccurredAt, partySize), occasion.Enjoyed)
            {
                EnjoyedAt = occasion.Enjoyed ? occasion.EnjoyedAt : first.OccurredAt,
            });
        }
        // In place: the window is in time order already, so this mostly orders equal times by user and song.
        interactions.Sort(static (a, b) =>
            a.At != b.At ? a.At.CompareTo(b.At)
            : string.CompareOrdinal(a.UserId, b.UserId) is var byUser and not 0 ? byUser
            : string.CompareOrdinal(a.SongId, b.SongId) is var bySong and not 0 ? bySong
            : string.CompareOrdinal(a.SessionId, b.SessionId));
        return interactions;
    }

    /// <summary>What one occasion's events said so far; <see cref="First"/> is its earliest event (the first of equals).</summary>
    private readonly record struct Occasion(int First)
    {
        public bool Enjoyed { get; init; }
        public DateTime EnjoyedAt { get; init; }
        public bool SkippedEarly { get; init; }
        public bool Shown { get; init; }
        public bool Played { get; init; }

        public Occasion With(VenueEvent e, int index, DateTime firstAt) => this with
        {
            First = e.OccurredAt < firstAt ? index : First,
            Enjoyed = Enjoyed || e.Enjoyed,
            EnjoyedAt = e.Enjoyed && (!Enjoyed || e.OccurredAt < EnjoyedAt) ? e.OccurredAt : EnjoyedAt,
            SkippedEarly = SkippedEarly || Listening.IsEarlySkip(e.Type, e.Progress),
            Shown = Shown || e.Type == EventType.Impression,
            Played = Played || e.Type == EventType.Play,
        };
    }
}
