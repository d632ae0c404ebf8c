namespace KtvRec.Training.Data;

/// <summary>One categorical feature of a row before encoding: its field, its token and its value (1 for one-hot).</summary>
public readonly record struct RawFeature(int Field, string Token, float Value = 1f);

/// <summary>A labeled row as read from a file or built from the venue's events.</summary>
/// <param name="Line">Where it came from, for error messages (0 when it was built, not read).</param>
public sealed record RawRow(float Label, IReadOnlyList<RawFeature> Features, int Line = 0);

/// <summary>A malformed input file: says which file, which line and what was wrong.</summary>
public sealed class DataFormatException(string file, int line, string message)
    : FormatException($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}
