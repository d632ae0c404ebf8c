using System.ComponentModel;
using KtvRec.Api.Validation;

namespace KtvRec.Api.Recommendations;

/// <summary>The body of POST /recommendations/{userId} and POST /sessions/{sessionId}/recommendations.</summary>
/// <param name="Exclude">Song ids to leave out of the list (the room's queue), at most <see cref="Exclusions.Max"/>.</param>
internal sealed record ExclusionRequest([property: DefaultValue(new[] { "s00042", "s00107" })] IReadOnlyList<string>? Exclude);

/// <summary>The songs a caller leaves out of a list: the room's queue, sent with the request.</summary>
internal static class Exclusions
{
    /// <summary>At most this many ids in one request: a room's queue, with room to spare.</summary>
    public const int Max = 1000;

    /// <summary>
    /// The ids, from repeated parameters or ones separated by commas; each must be a well-formed id (one not in the
    /// catalog is simply absent from every list). Errors name <c>exclude[i]</c>.
    /// </summary>
    public static IReadOnlySet<string> Read(ValidationErrors errors, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0) return EmptySet;
        var ids = values.SelectMany(value => (value ?? "").Split(',')).ToList();
        if (ids.Count > Max)
        {
            errors.Add("exclude", $"must hold at most {Max} song ids (got {ids.Count}).");
            return EmptySet;
        }
        for (var i = 0; i < ids.Count; i++) errors.CheckId($"exclude[{i}]", ids[i]);
        return ids.ToHashSet(StringComparer.Ordinal);
    }

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();
}
