using System.Globalization;

namespace KtvRec.Cli;

/// <summary>A wrong command line: the message says which option and why.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary><c>--name value</c> options after the verb; each read is checked, and unknown options are refused.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = [];

    public CliArguments(IEnumerable<string> args)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
                throw new UsageException($"'{name}' is not an option; options look like --name value.");
            if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"{name} needs a value.");
            _options[name[2..]] = e.Current;
        }
    }

    public string? Text(string name)
    {
        _read.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"--{name} is required.");

    public int Int(string name, int fallback, int min = int.MinValue, int max = int.MaxValue) =>
        Parse(name, fallback, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null, min, max);

    public double Double(string name, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        Parse(name, fallback, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null, min, max);

    public int? OptionalInt(string name, int min, int max) => Text(name) is null ? null : Int(name, 0, min, max);

    public double? OptionalDouble(string name, double min, double max) => Text(name) is null ? null : Double(name, 0, min, max);

    public IReadOnlyList<int> IntList(string name, IReadOnlyList<int> fallback)
    {
        var text = Text(name);
        if (text is null) return fallback;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new UsageException($"--{name} takes positive whole numbers separated by commas, e.g. 400,400,400 (got '{text}').")).ToList();
    }

    public T Choice<T>(string name, T fallback, IReadOnlyDictionary<string, T> choices)
    {
        var text = Text(name);
        if (text is null) return fallback;
        return choices.TryGetValue(text.ToLowerInvariant(), out var value)
            ? value
            : throw new UsageException($"--{name} must be one of {string.Join(", ", choices.Keys)} (got '{text}').");
    }

    /// <summary>Call after reading every option a verb knows.</summary>
    public void RefuseUnknown()
    {
        var unknown = _options.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"Unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }

    private T Parse<T>(string name, T fallback, Func<string, T?> parse, T min, T max) where T : struct, IComparable<T>
    {
        var text = Text(name);
        if (text is null) return fallback;
        var value = parse(text) ?? throw new UsageException($"--{name} must be a number (got '{text}').");
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
            throw new UsageException($"--{name} must be between {min} and {max} (got {text}).");
        return value;
    }
}
