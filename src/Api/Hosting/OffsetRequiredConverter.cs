using System.Text.Json;
using System.Text.Json.Serialization;

namespace KtvRec.Api.Hosting;

/// <summary>
/// Reads times in request bodies only with their offset (<c>Z</c> or <c>+08:00</c>): a time without one
/// (<c>2026-12-01T20:00:00</c>) could mean any venue's local time, so it is refused rather than guessed.
/// </summary>
internal sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            throw new JsonException("The JSON value could not be converted to System.DateTimeOffset.");
        // System.Text.Json gives a time written without an offset the kind Unspecified.
        if (reader.TryGetDateTime(out var written) && written.Kind == DateTimeKind.Unspecified)
            throw new JsonException($"'{reader.GetString()}' has no offset: send the time with Z (UTC) or its offset, e.g. 2026-12-01T20:00:00+08:00");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
