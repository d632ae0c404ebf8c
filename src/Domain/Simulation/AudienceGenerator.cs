namespace KtvRec.Domain.Simulation;

/// <summary>Builds users with latent tastes and the partial profiles they would fill in.</summary>
internal static class AudienceGenerator
{
    public sealed record Audience(SimulatedUser[] Users, UserTaste[] Tastes);

    public static Audience Generate(Random random, SimulationOptions options, SongTraits[] songs)
    {
        var users = new SimulatedUser[options.Users];
        var tastes = new UserTaste[options.Users];
        for (var i = 0; i < options.Users; i++)
        {
            var region = random.Next(Vocabulary.Regions.Length);
            var primary = random.NextDouble() < 0.8
                ? Vocabulary.RegionLanguage[region]
                : random.PickWeighted(Vocabulary.LanguageShare);
            var languages = LanguageAffinity(random, primary);
            var birthYear = Math.Clamp((int)Math.Round(2004 - Math.Abs(random.NextGaussian(0, 12))), 1955, 2008);

            tastes[i] = new UserTaste(
                languages,
                Enumerable.Range(0, Vocabulary.Genres.Length).Select(_ => random.NextGaussian(0, 0.8)).ToArray(),
                FavoriteArtists(random, songs, languages),
                birthYear,
                EnergyPreference: random.NextGaussian(0, 0.8),
                Skill: random.NextDouble(),
                Latent: Enumerable.Range(0, CatalogGenerator.LatentSize).Select(_ => random.NextGaussian(0, 0.7)).ToArray());

            var preferred = Enumerable.Range(0, languages.Length)
                .Where(language => languages[language] > 0.3)
                .OrderByDescending(language => languages[language])
                .Select(language => Vocabulary.Languages[language])
                .ToArray();
            users[i] = new SimulatedUser(
                $"u{i:D5}",
                random.NextDouble() < 0.7 ? birthYear : null,
                random.NextDouble() < 0.8 ? Vocabulary.Genders[random.PickWeighted([0.48, 0.48, 0.04])] : null,
                random.NextDouble() < 0.85 ? Vocabulary.Regions[region] : null,
                random.NextDouble() < 0.75 ? preferred : []);
        }
        return new Audience(users, tastes);
    }

    /// <summary>One language is home, sometimes a second is loved too, the rest are mostly skipped.</summary>
    private static double[] LanguageAffinity(Random random, int primary)
    {
        var affinity = Enumerable.Range(0, Vocabulary.Languages.Length)
            .Select(_ => random.NextGaussian(-1.2, 0.4))
            .ToArray();
        affinity[primary] = random.NextGaussian(1.5, 0.3);
        if (random.NextDouble() < 0.5)
        {
            var second = random.Next(Vocabulary.Languages.Length);
            if (second != primary) affinity[second] = random.NextGaussian(0.6, 0.3);
        }
        return affinity;
    }

    private static HashSet<int> FavoriteArtists(Random random, SongTraits[] songs, double[] languages)
    {
        var favorites = new HashSet<int>();
        for (var attempt = 0; attempt < 50 && favorites.Count < 3; attempt++)
        {
            var song = songs[random.Next(songs.Length)];
            if (languages[song.Language] > 0.3) favorites.Add(song.Artist);
        }
        return favorites;
    }
}
