using System.Text;

namespace KtvRec.Domain.Csv;

/// <summary>One row of a CSV file and the line it starts on (1-based), for error messages.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);

public sealed class CsvFormatException(int lineNumber, string reason)
    : FormatException($"line {lineNumber}: {reason}")
{
    public int LineNumber { get; } = lineNumber;

    /// <summary>What was wrong, without the line number.</summary>
    public string Reason { get; } = reason;
}

/// <summary>Reads RFC 4180 CSV: commas, quoted fields with "" escapes and line breaks inside quotes.</summary>
public static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        int next;

        while ((next = reader.Read()) != -1)
        {
            var c = (char)next;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote inside an unquoted field; quote the whole field and double the quote");
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
                    {
                        fields.Add(field.ToString());
                        yield return new CsvRecord(recordLine, fields.ToArray());
                    }
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw new CsvFormatException(line, "text after a closing quote");
                    }
                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(recordLine, "a quoted field is never closed");
        }
        if (fields.Count > 0 || field.Length > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(recordLine, fields.ToArray());
        }
    }
}
