using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KtvRec.Domain.Storage;

/// <summary>Stores every time as UTC and reads it back marked as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
