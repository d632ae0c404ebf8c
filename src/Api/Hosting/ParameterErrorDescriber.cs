using System.Text.RegularExpressions;

namespace KtvRec.Api.Hosting;

/// <summary>
/// Rewrites ASP.NET Core's binding failure ("Failed to bind parameter \"int count\" from \"abc\".", which names a C#
/// type) as what a client should send: "count must be a whole number (got 'abc').".
/// </summary>
internal static partial class ParameterErrorDescriber
{
    /// <returns>The rewritten message, or null when the message is not a binding failure.</returns>
    public static string? Describe(string message)
    {
        var match = BindFailure().Match(message);
        if (!match.Success) return null;
        var (type, name, value) = (match.Groups["type"].Value, match.Groups["name"].Value, match.Groups["value"].Value);
        return $"{name} must be {Expected(type.TrimEnd('?'))} (got '{value}').";
    }

    private static string Expected(string type) => type switch
    {
        "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "decimal" or "Double" or "Single" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateTime" or "DateTimeOffset" => "a date and time with its offset, e.g. 2026-12-01T20:00:00+08:00",
        "Guid" => "a GUID",
        _ => $"a valid {type}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindFailure();
}
