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
}
