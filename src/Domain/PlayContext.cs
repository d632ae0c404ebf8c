namespace KtvRec.Domain;

/// <summary>The situation a song is sung in: the hour, the weekday and how many people are in the room.</summary>
public sealed record PlayContext(int HourOfDay, DayOfWeek DayOfWeek, int PartySize)
{
    public bool IsLateNight => HourOfDay >= 23 || HourOfDay < 4;
    public bool IsWeekendNight => DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday;

    public static PlayContext At(DateTime time, int partySize) => new(time.Hour, time.DayOfWeek, partySize);
}
