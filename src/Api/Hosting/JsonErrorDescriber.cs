using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KtvRec.Api.Hosting;

/// <summary>Says in plain words where a JSON body went wrong and what was expected there.</summary>
internal static partial class JsonErrorDescriber
{
    /// <param name="exception">What System.Text.Json threw.</param>
    /// <param name="bodyType">The type the body was read as, to name what the failing field expects.</param>
    public static string Describe(JsonException exception, Type? bodyType)
    {
        var where = exception.Path is { } path ? $" at {path}" : "";
        var line = exception.LineNumber is { } number ? $" (line {number + 1}, byte {exception.BytePositionInLine + 1})" : "";
        var problem = exception.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? FieldType(bodyType, exception.Path) is { } expected ? $"expected {Expected(expected)}" : "a value has the wrong type"
            : Reason(exception.Message);
        return $"The JSON body is not valid{where}{line}: {problem}.";
    }

    /// <summary>Follows a JSON path such as <c>$.events[3].type</c> through the body's type to the field's type.</summary>
    private static Type? FieldType(Type? type, string? path)
    {
        if (type is null || path is null) return null;
        foreach (Match segment in PathSegment().Matches(path))
        {
            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
            }
            else
            {
                var property = type.GetProperty(segment.Groups["name"].Value,
                    BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                type = property?.PropertyType;
            }
            if (type is null) return null;
        }
        return Nullable.GetUnderlyingType(type) ?? type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static string Expected(Type type) => type switch
    {
        _ when type.IsEnum => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)),
        _ when type == typeof(string) => "a string",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(double) => "a finite number",
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "an ISO 8601 time such as 2026-11-26T20:15:00Z",
        _ when type == typeof(bool) => "true or false",
        _ when ElementType(type) is { } element && type != typeof(string) => $"an array of {Expected(element).Replace("a ", "").Replace("an ", "")}s",
        _ => "an object",
    };

    /// <summary>The reader's own reason, without the position it repeats.</summary>
    private static string Reason(string message)
    {
        var cut = message.Length;
        foreach (var marker in new[] { " Path:", " LineNumber:", " |" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0) cut = Math.Min(cut, at);
        }
        return message[..cut].TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();
}
