using System.Net;
using System.Text.Json.Serialization;

namespace KtvRec.Client;

/// <summary>An RFC 7807 problem as the service writes it: what was wrong and, for a validation error, each bad field.</summary>
/// <param name="Errors">Per field path (e.g. <c>events[3].songId</c>), what was wrong with it.</param>
public sealed record ProblemDetails(
    string? Type, string? Title, int? Status, string? Detail, string? Instance,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>The service answered with an error: its status and, where it sent one, its problem details.</summary>
public sealed class KtvRecApiException(HttpStatusCode status, ProblemDetails? problem, TimeSpan? retryAfter = null)
    : Exception(Describe(status, problem))
{
    public HttpStatusCode Status { get; } = status;
    public ProblemDetails? Problem { get; } = problem;

    /// <summary>For a 429 or 503: how long the service asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    private static string Describe(HttpStatusCode status, ProblemDetails? problem)
    {
        var text = $"{(int)status} {problem?.Title ?? status.ToString()}";
        if (problem?.Detail is { } detail) text += $": {detail}";
        if (problem?.Errors is { Count: > 0 } errors)
            text += " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ")";
        return text;
    }
}
