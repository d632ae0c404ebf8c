using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KtvRec.Api.Feedback;

/// <summary>What a recommendationId says about the list it was issued with.</summary>
internal sealed record IssuedList(DateTime IssuedAt, string Strategy, string? ModelVersion);

/// <summary>
/// The id every list carries, for events to echo so what was shown and picked can be attributed to the model version
/// and strategy that made it. It is read back, not looked up: the list's time, strategy and model version with a keyed
/// checksum (HMAC-SHA256, <see cref="FeedbackOptions.IdSecret"/>), so issuing one costs no write on the request
/// path, every node reads every other node's, and a mistyped or made-up id is refused.
/// </summary>
internal sealed class RecommendationIds(IOptions<FeedbackOptions> options)
{
    private const int MacBytes = 9;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.IdSecret);

    public string New(IssuedList list)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var millis = new DateTimeOffset(list.IssuedAt, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var payload = Encoding.UTF8.GetBytes($"{millis.ToString(CultureInfo.InvariantCulture)}|{list.Strategy}|{list.ModelVersion}|{nonce}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(payload))}";
    }

    /// <summary>The list an id was issued with, or null when this service did not issue it.</summary>
    public IssuedList? Read(string id)
    {
        var dot = id.IndexOf('.');
        if (dot <= 0 || !Base64Url.IsValid(id.AsSpan(0, dot)) || !Base64Url.IsValid(id.AsSpan(dot + 1))) return null;
        var payload = Base64Url.DecodeFromChars(id.AsSpan(0, dot));
        if (!CryptographicOperations.FixedTimeEquals(Mac(payload), Base64Url.DecodeFromChars(id.AsSpan(dot + 1)))) return null;

        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            || millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return null;
        }
        return new IssuedList(DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime, parts[1], parts[2].Length == 0 ? null : parts[2]);
    }

    private byte[] Mac(byte[] payload) => HMACSHA256.HashData(_key, payload)[..MacBytes];
}
