namespace KtvRec.Domain.Simulation;

/// <summary>The words a simulated KTV world is made of.</summary>
internal static class Vocabulary
{
    public static readonly string[] Languages = ["Mandarin", "Cantonese", "English", "Japanese", "Korean", "Taiwanese"];
    public static readonly double[] LanguageShare = [0.40, 0.15, 0.20, 0.10, 0.10, 0.05];

    public static readonly string[] Regions = ["Taipei", "Hong Kong", "Shanghai", "Singapore", "Kaohsiung", "Guangzhou"];

    /// <summary>The language most people of each region sing in (by index into <see cref="Languages"/>).</summary>
    public static readonly int[] RegionLanguage = [0, 1, 0, 2, 5, 1];

    public static readonly string[] Genres = ["Pop", "Ballad", "Rock", "HipHop", "Folk", "RnB", "Dance", "Classic"];

    /// <summary>How lively each genre is, 0..1; with party size and hour it shapes what a room enjoys.</summary>
    public static readonly double[] GenreEnergy = [0.6, 0.15, 0.8, 0.75, 0.3, 0.45, 0.95, 0.35];

    public static readonly string[][] GenreTags =
    [
        ["love", "chorus"], ["sad", "slow", "love"], ["high-notes", "upbeat"], ["rap", "upbeat"],
        ["slow", "nostalgic"], ["love", "slow"], ["party", "upbeat"], ["nostalgic", "chorus"],
    ];

    public static readonly string[] Tags =
        ["duet", "upbeat", "sad", "love", "party", "high-notes", "chorus", "rap", "nostalgic", "slow"];

    public static readonly string[] Genders = ["female", "male", "other"];

    private static readonly string[] TitleWords =
    [
        "Moon", "Rain", "Heart", "Night", "Summer", "Promise", "River", "Light", "Dream", "Ocean", "City",
        "Forever", "Tears", "Star", "Wind", "Fire", "Memory", "Road", "Flower", "Sky", "Goodbye", "Smile",
        "Secret", "Winter", "Blue", "Golden", "Lonely", "Dance", "Home", "Shadow", "Echo", "Spring",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "li", "mei", "jun", "hao", "yu", "ren", "sa", "tai", "min", "ho", "lan", "ri", "so", "an",
        "chen", "wei", "na", "ko", "ji", "ta", "xin", "bo", "ming",
    ];

    public static string Title(Random random)
    {
        var words = random.Next(1, 4);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Pick(TitleWords)));
    }

    public static string ArtistName(Random random, int index)
    {
        var name = string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => random.Pick(Syllables)));
        return $"{char.ToUpperInvariant(name[0])}{name[1..]} {index}";
    }
}
