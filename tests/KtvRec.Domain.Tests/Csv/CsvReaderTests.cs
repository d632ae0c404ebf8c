using KtvRec.Domain.Csv;

namespace KtvRec.Domain.Tests.Csv;

public sealed class CsvReaderTests
{
    [Fact]
    public void QuotedFieldsKeepCommasQuotesAndLineBreaks()
    {
        var rows = CsvReader.Read(new StringReader("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n")).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], rows[1].Fields);
        Assert.Equal(["last", "", ""], rows[2].Fields);
    }

    [Fact]
    public void EachRecordKnowsTheLineItStartsOn()
    {
        var rows = CsvReader.Read(new StringReader("h\n\"multi\nline\"\nthird\n\nfifth")).ToList();

        Assert.Equal([1, 2, 4, 6], rows.Select(r => r.LineNumber));
    }

    [Theory]
    [InlineData("a,b\n\"open,c\n", 2, "never closed")]
    [InlineData("a,b\nx\"y,c\n", 2, "quote inside")]
    [InlineData("a\n\n\"x\"y\n", 3, "after a closing quote")]
    public void MalformedCsvNamesTheLine(string csv, int line, string message)
    {
        var error = Assert.Throws<CsvFormatException>(() => CsvReader.Read(new StringReader(csv)).ToList());

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"line {line}:", error.Message);
    }
}
