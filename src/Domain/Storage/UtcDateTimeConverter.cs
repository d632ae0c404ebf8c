using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KtvRec.Domain.Storage;

/// <summary>Stores every time as UTC and reads it back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => ToUtc(value),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
{
    /// <summary>The time as stored: UTC, whatever kind it came as. Writers that bypass EF use it too.</summary>
    public static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
}
