using KtvRec.Domain;
using KtvRec.Training.Features;

namespace KtvRec.Training.Tests.Features;

public sealed class SongHistoriesTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 20, 0, 0, DateTimeKind.Utc);
    private static readonly PlayContext Evening = new(20, DayOfWeek.Monday, 2);

    [Fact]
    public void ARowSeesOnlyTheSongsEnjoyedBeforeItsMomentNewestFirstWithoutRepeats()
    {
        var histories = SongHistories.From(
        [
            Enjoyed("a", "s1", 0), Enjoyed("a", "s2", 1), Enjoyed("a", "s1", 2), Enjoyed("a", "s3", 3),
            Enjoyed("b", "s9", 0), new Interaction("a", "s7", null, Monday.AddHours(1), Evening, Positive: false),
            new Interaction("a", "s8", null, Monday.AddHours(1), Evening, Positive: true, Sampled: true),
        ]);

        Assert.Equal(["s1", "s2"], histories.Before("a", Monday.AddHours(3)));
        Assert.Equal(["s3", "s1", "s2"], histories.Before("a", DateTime.MaxValue));
        Assert.Equal(["s3", "s1"], histories.Before("a", DateTime.MaxValue, max: 2));
        Assert.Empty(histories.Before("a", Monday));
        Assert.Empty(histories.Before("nobody", DateTime.MaxValue));
    }

    private static Interaction Enjoyed(string user, string song, int hour) =>
        new(user, song, null, Monday.AddHours(hour), Evening, Positive: true);
}
