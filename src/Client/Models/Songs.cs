namespace KtvRec.Client.Models;

/// <summary>A song as the catalog takes it (<c>PUT /songs/{id}</c>, <c>POST /songs/batch</c>); schema <c>SongEntry</c>.</summary>
public sealed record SongEntry(
    string? Id, string Title, string Artist, string Language, string Genre,
    int? ReleaseYear = null, int? DurationSeconds = null, IReadOnlyList<string>? Tags = null);

/// <summary>A song as the catalog holds it; schema <c>SongResponse</c>.</summary>
public sealed record Song(
    string Id, string Title, string Artist, string Language, string Genre, int? ReleaseYear, int? DurationSeconds,
    IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>One page of the catalog; schema <c>SongResponsePage</c>.</summary>
public sealed record SongPage(IReadOnlyList<Song> Items, int Total, int Limit, int Offset);

/// <summary>What a batch import did; schema <c>CatalogImportResponse</c>. Normalized: songs whose texts the service trimmed.</summary>
public sealed record CatalogImport(int Created, int Updated, int Normalized);
