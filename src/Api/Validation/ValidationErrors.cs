using KtvRec.Domain;

namespace KtvRec.Api.Validation;

/// <summary>Collects what is wrong with a request, keyed by the field (e.g. <c>events[3].songId</c>).</summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());

    /// <summary>
    /// An identifier: present when required, at most <see cref="Limits.IdLength"/> characters, made of letters, digits
    /// and <c>- _ . : @ +</c>, not starting with a dot: nothing that could pass for a path or a query.
    /// </summary>
    public void CheckId(string field, string? value, bool required = true)
    {
        CheckText(field, value, Limits.IdLength, required);
        if (string.IsNullOrEmpty(value)) return;
        if (value[0] == '.' || value.Any(c => !char.IsLetterOrDigit(c) && !IdPunctuation.Contains(c)))
            Add(field, $"must be letters, digits and {IdPunctuation} only, not starting with a dot.");
    }

    private const string IdPunctuation = "-_.:@+";

    public void CheckText(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (value is not null) Add(field, required ? "must not be empty." : "must not be empty; leave it out instead.");
            else if (required) Add(field, "is required.");
            return;
        }
        if (value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters (got {value.Length}).");
        if (value.Any(char.IsControl))
            Add(field, "must not contain control characters.");
        if (value.Trim().Length != value.Length)
            Add(field, "must not start or end with white space.");
    }

    public void CheckList(string field, IReadOnlyList<string>? values, int maxCount, int maxLength)
    {
        if (values is null) return;
        if (values.Count > maxCount)
            Add(field, $"must have at most {maxCount} entries (got {values.Count}).");
        for (var i = 0; i < values.Count; i++)
            CheckText($"{field}[{i}]", values[i], maxLength, required: true);
    }

    public void CheckRange(string field, double? value, double min, double max)
    {
        if (value is null) return;
        if (!double.IsFinite(value.Value) || value < min || value > max)
            Add(field, $"must be between {min} and {max} (got {value}).");
    }

    /// <summary>A time between 2000 and a day from now: anything else is a broken clock.</summary>
    public void CheckTime(string field, DateTimeOffset? value, TimeProvider clock)
    {
        if (value is null) return;
        var latest = clock.GetUtcNow().AddDays(1);
        if (value < EarliestTime || value > latest)
            Add(field, $"must be between {EarliestTime:yyyy-MM-dd} and {latest:yyyy-MM-ddTHH:mm}Z (got {value:O}).");
    }

    public static readonly DateTimeOffset EarliestTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
