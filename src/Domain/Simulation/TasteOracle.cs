namespace KtvRec.Domain.Simulation;

/// <summary>What the simulator hides about a song: the traits the truth depends on.</summary>
internal sealed record SongTraits(
    int Language, int Genre, int Artist, int ReleaseYear, double Energy, bool IsDuet, bool HasHighNotes,
    bool IsMellow, double Quality, double[] Latent);

/// <summary>What the simulator hides about a user: the taste the truth depends on.</summary>
internal sealed record UserTaste(
    double[] LanguageAffinity, double[] GenreAffinity, HashSet<int> FavoriteArtists, int BirthYear,
    double EnergyPreference, double Skill, double[] Latent);

/// <summary>
/// The truth behind a simulated venue: the probability that a user sings a song to the end in a given context.
/// Every simulated outcome is drawn from it, so a model's quality can be measured against it.
/// </summary>
public sealed class TasteOracle
{
    private readonly Dictionary<string, UserTaste> _users;
    private readonly Dictionary<string, SongTraits> _songs;

    internal TasteOracle(Dictionary<string, UserTaste> users, Dictionary<string, SongTraits> songs)
    {
        _users = users;
        _songs = songs;
    }

    /// <summary>The true probability that <paramref name="userId"/> completes <paramref name="songId"/>.</summary>
    public double TrueProbability(string userId, string songId, PlayContext context)
    {
        if (!_users.TryGetValue(userId, out var user))
            throw new KeyNotFoundException($"User '{userId}' is not part of this simulated venue.");
        if (!_songs.TryGetValue(songId, out var song))
            throw new KeyNotFoundException($"Song '{songId}' is not part of this simulated venue.");
        return Sigmoid(Logit(user, song, context));
    }

    internal static double Logit(UserTaste user, SongTraits song, PlayContext context)
    {
        var logit = -1.0
            + user.LanguageAffinity[song.Language]
            + user.GenreAffinity[song.Genre]
            + (user.FavoriteArtists.Contains(song.Artist) ? 1.2 : 0)
            + Nostalgia(user.BirthYear, song.ReleaseYear)
            + song.Quality
            + 0.6 * Dot(user.Latent, song.Latent);
        return logit + ContextEffect(user, song, context);
    }

    /// <summary>Big parties want lively songs, couples want duets, late nights turn mellow, high notes need skill.</summary>
    private static double ContextEffect(UserTaste user, SongTraits song, PlayContext context)
    {
        var crowd = (context.PartySize - 3) / 3.0;
        var mood = 1.2 * crowd + user.EnergyPreference + (context.IsWeekendNight ? 0.3 : 0);
        var effect = (song.Energy - 0.5) * mood;
        if (song.IsDuet) effect += context.PartySize == 2 ? 0.9 : -0.2;
        if (song.IsMellow && context.IsLateNight) effect += 0.5;
        if (song.HasHighNotes) effect += 2.0 * (user.Skill - 0.5);
        return effect;
    }

    /// <summary>People love the songs of their youth: released when they were about eighteen.</summary>
    private static double Nostalgia(int birthYear, int releaseYear)
    {
        var distance = (releaseYear - (birthYear + 18)) / 8.0;
        return 0.6 * Math.Exp(-distance * distance);
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    internal static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
