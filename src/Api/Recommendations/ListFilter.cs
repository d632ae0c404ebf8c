using System.ComponentModel;
using KtvRec.Api.Validation;
using KtvRec.Domain;
using KtvRec.Domain.Songs;
using Microsoft.AspNetCore.Mvc;

namespace KtvRec.Api.Recommendations;

/// <summary>The body of POST /recommendations/{userId} and POST /sessions/{sessionId}/recommendations.</summary>
/// <param name="Exclude">Song ids to leave out of the list (the room's queue), at most <see cref="ListFilter.MaxExcluded"/>.</param>
internal sealed record ExclusionRequest([property: DefaultValue(new[] { "s00042", "s00107" })] IReadOnlyList<string>? Exclude);

/// <summary>The query parameters that narrow every list: the tab a jukebox shows and the songs its room has queued.</summary>
internal sealed class ListFilterQuery
{
    /// <summary>Only songs in these languages (ignoring case): repeat the parameter or separate values by commas.</summary>
    /// <example>Cantonese</example>
    [FromQuery(Name = "language")]
    public string[]? Language { get; set; }

    /// <summary>Only songs of these genres (ignoring case): repeat the parameter or separate values by commas.</summary>
    /// <example>Rock</example>
    [FromQuery(Name = "genre")]
    public string[]? Genre { get; set; }

    /// <summary>Only songs released in these decades, as the decade's first year (1990) or with an s (1990s): repeat the parameter or separate values by commas.</summary>
    /// <example>1990s</example>
    [FromQuery(Name = "decade")]
    public string[]? Decade { get; set; }

    /// <summary>Only songs with any of these tags (ignoring case), e.g. duet: repeat the parameter or separate values by commas.</summary>
    /// <example>duet</example>
    [FromQuery(Name = "tag")]
    public string[]? Tag { get; set; }

    /// <summary>Only songs by these artists (ignoring case): repeat the parameter for several (a name may hold a comma).</summary>
    /// <example>Jacky Cheung</example>
    [FromQuery(Name = "artist")]
    public string[]? Artist { get; set; }

    /// <summary>Song ids to leave out (the room's queue): repeat the parameter or separate ids by commas.</summary>
    /// <example>s00042,s00107</example>
    [FromQuery(Name = "exclude")]
    public string[]? Exclude { get; set; }
}

/// <summary>
/// What a caller narrows a list to: the songs it leaves out (the room's queue, sent with the request) and the songs it
/// keeps (a tab: <see cref="SongFilter"/>). A filtered list is made from the matching songs by the same steps, not cut
/// from an unfiltered one.
/// </summary>
internal sealed record ListFilter(IReadOnlySet<string> Exclude, SongFilter Songs)
{
    /// <summary>At most this many ids left out in one request: a room's queue, with room to spare.</summary>
    public const int MaxExcluded = 1000;

    public static ListFilter None { get; } = new(new HashSet<string>(), SongFilter.None);

    /// <summary>
    /// The filter as the query (and a POST's body) give it, each value well-formed; errors name the parameter
    /// (<c>exclude[i]</c> for an id). Whether the catalog has the values is <see cref="CatalogFacets.Check"/>'s question.
    /// </summary>
    public static ListFilter Read(ValidationErrors errors, ListFilterQuery query, IReadOnlyList<string>? bodyExclude = null)
    {
        var songs = new SongFilter(
            Texts(errors, "language", query.Language), Texts(errors, "genre", query.Genre), Decades(errors, query.Decade),
            Texts(errors, "tag", query.Tag), Texts(errors, "artist", query.Artist, separated: false));
        return new ListFilter(Excluded(errors, [.. query.Exclude ?? [], .. bodyExclude ?? []]), songs);
    }

    private static IReadOnlySet<string> Excluded(ValidationErrors errors, IReadOnlyList<string?> values)
    {
        if (values.Count == 0) return None.Exclude;
        var ids = values.SelectMany(value => (value ?? "").Split(',')).ToList();
        if (ids.Count > MaxExcluded)
        {
            errors.Add("exclude", $"must hold at most {MaxExcluded} song ids (got {ids.Count}).");
            return None.Exclude;
        }
        for (var i = 0; i < ids.Count; i++) errors.CheckId($"exclude[{i}]", ids[i]);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    private static IReadOnlySet<string> Texts(ValidationErrors errors, string field, string[]? values, bool separated = true)
    {
        if (values is null || values.Length == 0) return SongFilter.None.Languages;
        var texts = separated ? values.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries)).ToList() : [.. values.Select(v => v?.Trim() ?? "")];
        errors.CheckList(field, texts, Limits.MaxTags, Limits.ShortTextLength);
        return SongFilter.Texts(texts);
    }

    private static IReadOnlySet<int> Decades(ValidationErrors errors, string[]? values)
    {
        var decades = new HashSet<int>();
        foreach (var value in (values ?? []).SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries)))
        {
            var digits = value.EndsWith('s') ? value[..^1] : value;
            if (digits.Length == 4 && int.TryParse(digits, out var year) && year % 10 == 0) decades.Add(year);
            else errors.Add("decade", $"'{value}' is not a decade: give its first year, as 1990 or 1990s.");
        }
        return decades;
    }
}
