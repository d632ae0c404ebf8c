namespace KtvRec.Domain.Events;

/// <summary>What happened to a song in a room.</summary>
public enum EventType
{
    /// <summary>The song started.</summary>
    Play,
    /// <summary>The song was sung to the end.</summary>
    Complete,
    /// <summary>The song was stopped early; <see cref="PlayEvent.Progress"/> says how far it got.</summary>
    Skip,
    Like,
    Favorite,
    /// <summary>The scoring engine's mark, 0..100, in <see cref="PlayEvent.Score"/>.</summary>
    Score,
    /// <summary>The song was shown in a list and the user did not pick it: an exposure negative for training.</summary>
    Impression,
}
