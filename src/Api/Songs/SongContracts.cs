using System.ComponentModel;
using System.Text.RegularExpressions;
using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Songs;

namespace KtvRec.Api.Songs;

/// <summary>A song's catalog entry: the body of PUT /songs/{id}, and each item of a batch import.</summary>
/// <param name="Id">The catalog's id: required in a batch; in PUT /songs/{id} the path's, so it may be left out (if given, it must match).</param>
/// <param name="Title">The song's title.</param>
/// <param name="Artist">The performing artist.</param>
/// <param name="Language">The language it is sung in, e.g. Mandarin.</param>
/// <param name="Genre">e.g. Pop, Ballad, Rock.</param>
/// <param name="ReleaseYear">Year of release, 1900 to next year.</param>
/// <param name="DurationSeconds">Length in seconds, 1 to 3600.</param>
/// <param name="Tags">Free labels such as duet, upbeat, sad.</param>
internal sealed partial record SongEntry(
    [property: DefaultValue("s00042")] string? Id,
    [property: DefaultValue("Moonlight Promise")] string? Title,
    [property: DefaultValue("Kamei 12")] string? Artist,
    [property: DefaultValue("Mandarin")] string? Language,
    [property: DefaultValue("Ballad")] string? Genre,
    int? ReleaseYear = null,
    int? DurationSeconds = null,
    IReadOnlyList<string>? Tags = null)
{
    public void Validate(ValidationErrors errors, string prefix, TimeProvider clock)
    {
        errors.CheckId($"{prefix}id", Id);
        errors.CheckText($"{prefix}title", Title, Limits.TitleLength, required: true);
        errors.CheckText($"{prefix}artist", Artist, Limits.TitleLength, required: true);
        errors.CheckText($"{prefix}language", Language, Limits.ShortTextLength, required: true);
        errors.CheckText($"{prefix}genre", Genre, Limits.ShortTextLength, required: true);
        errors.CheckRange($"{prefix}releaseYear", ReleaseYear, 1900, clock.GetUtcNow().Year + 1);
        errors.CheckRange($"{prefix}durationSeconds", DurationSeconds, 1, 3600);
        errors.CheckList($"{prefix}tags", Tags, Limits.MaxTags, Limits.ShortTextLength);
    }

    /// <summary>
    /// The entry with every text trimmed and each run of white space made one space, as a vendor's catalog export pads
    /// them; the id is left as given (an id with spaces is still refused). Whether anything changed.
    /// </summary>
    public (SongEntry Entry, bool Changed) Tidied()
    {
        var tidied = this with
        {
            Title = Tidy(Title), Artist = Tidy(Artist), Language = Tidy(Language), Genre = Tidy(Genre),
            Tags = Tags?.Select(Tidy).ToList()!,
        };
        var changed = (tidied.Title, tidied.Artist, tidied.Language, tidied.Genre) != (Title, Artist, Language, Genre)
                      || (Tags is not null && !Tags.SequenceEqual(tidied.Tags!));
        return (changed ? tidied : this, changed);
    }

    private static string? Tidy(string? text) => text is null ? null : WhiteSpace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    public void CopyTo(Song song)
    {
        song.Title = Title!;
        song.Artist = Artist!;
        song.Language = Language!;
        song.Genre = Genre!;
        song.ReleaseYear = ReleaseYear;
        song.DurationSeconds = DurationSeconds;
        song.Tags = Tags?.Distinct().ToList() ?? [];
    }
}

internal sealed record SongResponse(
    string Id, string Title, string Artist, string Language, string Genre, int? ReleaseYear, int? DurationSeconds,
    IReadOnlyList<string> Tags, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SongResponse From(Song song) => new(
        song.Id, song.Title, song.Artist, song.Language, song.Genre, song.ReleaseYear, song.DurationSeconds,
        song.Tags, song.CreatedAt, song.UpdatedAt);
}

/// <param name="Created">Songs that were not in the catalog before.</param>
/// <param name="Updated">Songs whose entry was replaced.</param>
/// <param name="Normalized">Songs whose texts were trimmed or had runs of white space made one space before they were stored.</param>
internal sealed record CatalogImportResponse(int Created, int Updated, int Normalized);
