namespace KtvRec.Api.Validation;

/// <summary>One page of a list, with the total so a client knows when to stop.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Limit, int Offset);

internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static void CheckPage(this ValidationErrors errors, int limit, int offset)
    {
        if (limit is < 1 or > MaxLimit) errors.Add("limit", $"must be between 1 and {MaxLimit} (got {limit}).");
        if (offset < 0) errors.Add("offset", $"must not be negative (got {offset}).");
    }
}
