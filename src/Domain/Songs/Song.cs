namespace KtvRec.Domain.Songs;

/// <summary>A song in the venue's catalog, identified by the catalog's own id.</summary>
public sealed class Song
{
    public required string Id { get; init; }
    public required string Title { get; set; }
    public required string Artist { get; set; }
    public required string Language { get; set; }
    public required string Genre { get; set; }
    public int? ReleaseYear { get; set; }
    public int? DurationSeconds { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}
