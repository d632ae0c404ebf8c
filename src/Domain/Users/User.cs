namespace KtvRec.Domain.Users;

/// <summary>A singer known to the venue, identified by the jukebox client's own id.</summary>
public sealed class User
{
    public required string Id { get; init; }
    public int? BirthYear { get; set; }
    public string? Gender { get; set; }
    public string? Region { get; set; }
    public List<string> PreferredLanguages { get; set; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Which profile write last changed it: one more than the highest stored, taken inside the write transaction (which
    /// holds the database's write lock), so revisions rise in commit order. Nodes follow profile changes by it rather
    /// than by time, so a writer's clock cannot hide a change from them. 0: never given a profile.
    /// </summary>
    public long ProfileRevision { get; set; }
}
