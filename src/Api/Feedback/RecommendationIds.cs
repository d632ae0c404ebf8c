using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KtvRec.Api.Recommendations;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Feedback;

/// <summary>What a recommendationId says about the list it was issued with.</summary>
/// <param name="For">Whom the list was for, as a short token (<see cref="ForUser"/>, <see cref="ForRoom"/>: a kind and a hash
/// of the id, so the recommendationId stays short); null in an id issued before ids were bound (read until they expire).</param>
internal sealed record IssuedList(DateTime IssuedAt, string Strategy, string? ModelVersion, string? For = null)
{
    public static string ForUser(string userId) => Token('u', userId);

    public static string ForRoom(string sessionId) => Token('r', sessionId);

    /// <summary>Why an event may not quote this list, or null: it is another user's, names another room session, or happened outside the list's lifetime.</summary>
    public string? Refuses(string? userId, string? sessionId, DateTime occurredAt, TimeSpan lifetime)
    {
        if (occurredAt < IssuedAt.AddMinutes(-5) || occurredAt > IssuedAt + lifetime)
            return $"was issued at {IssuedAt:O}; an event may quote it for {lifetime.TotalHours:0} hours after that, and this one happened at {occurredAt:O}.";
        return For switch
        {
            null => null,
            // An event without a session is taken (a jukebox may leave it out); one that names another room is not.
            ['r', ..] => sessionId is null || For == ForRoom(sessionId) ? null : "is the list of another room session than this event's.",
            _ => userId is not null && For == ForUser(userId) ? null : "is another user's list.",
        };
    }

    private static string Token(char kind, string id) => kind + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(id))[..6]);
}

/// <summary>
/// The id every list carries, for events to echo so what was shown and picked can be attributed to the model version
/// and strategy that made it. It is read back, not looked up: the list's time, strategy and model version with a keyed
/// checksum (HMAC-SHA256, <see cref="FeedbackOptions.IdSecret"/>), so issuing one costs no write on the request
/// path, every node reads every other node's, and a mistyped or made-up id is refused. An id is bound to the user (or
/// room session) the list was for, and an event may quote it only for <see cref="FeedbackOptions.RecommendationIdHours"/>.
/// </summary>
internal sealed class RecommendationIds(IOptions<FeedbackOptions> options)
{
    private const int MacBytes = 9;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.IdSecret);

    /// <summary>How long after a list was issued an event may quote it.</summary>
    public TimeSpan Lifetime { get; } = TimeSpan.FromHours(options.Value.RecommendationIdHours);

    public string New(IssuedList list)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var millis = new DateTimeOffset(list.IssuedAt, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var payload = Encoding.UTF8.GetBytes($"{millis.ToString(CultureInfo.InvariantCulture)}|{list.Strategy}|{list.ModelVersion}|{nonce}|{list.For}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(payload))}";
    }

    /// <summary>The list an id was issued with, or null when this service did not issue it.</summary>
    public IssuedList? Read(string id)
    {
        var dot = id.IndexOf('.');
        if (dot <= 0 || !Base64Url.IsValid(id.AsSpan(0, dot)) || !Base64Url.IsValid(id.AsSpan(dot + 1))) return null;
        var payload = Base64Url.DecodeFromChars(id.AsSpan(0, dot));
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload), Base64Url.DecodeFromChars(id.AsSpan(dot + 1)))) return null;

        // Four parts: an id from before ids named whom the list was for.
        var parts = Encoding.UTF8.GetString(payload).Split('|', 5);
        if (parts.Length < 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            || millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() || !Strategies.All.Contains(parts[1]))
        {
            return null;
        }
        return new IssuedList(
            DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime, parts[1], parts[2].Length == 0 ? null : parts[2],
            parts.Length == 5 && parts[4].Length > 0 ? parts[4] : null);
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(_key, payload)[..MacBytes];
}
