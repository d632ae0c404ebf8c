namespace KtvRec.Domain.Simulation;

/// <summary>Builds a catalog with artist structure and a long-tailed popularity.</summary>
internal static class CatalogGenerator
{
    public const int LatentSize = 4;

    public sealed record Catalog(SimulatedSong[] Songs, SongTraits[] Traits, double[] Popularity);

    public static Catalog Generate(Random random, SimulationOptions options)
    {
        var artists = Enumerable.Range(0, options.Artists).Select(index => new
        {
            Name = Vocabulary.ArtistName(random, index),
            Language = random.PickWeighted(Vocabulary.LanguageShare),
            Genre = random.Next(Vocabulary.Genres.Length),
            DebutYear = random.Next(1970, 2024),
            // Zipf-like: a few stars, a long tail.
            Popularity = 1.0 / Math.Pow(index + 1, 0.9),
        }).ToArray();

        var artistWeights = artists.Select(a => a.Popularity).RunningTotals();
        var songs = new SimulatedSong[options.Songs];
        var traits = new SongTraits[options.Songs];
        var popularity = new double[options.Songs];
        for (var i = 0; i < options.Songs; i++)
        {
            var artistIndex = random.PickCumulative(artistWeights);
            var artist = artists[artistIndex];
            var genre = random.NextDouble() < 0.7 ? artist.Genre : random.Next(Vocabulary.Genres.Length);
            var year = Math.Clamp(artist.DebutYear + random.Next(0, 15), 1970, options.EndDate.Year);
            var tags = Tags(random, genre);
            var quality = random.NextGaussian(0, 0.5);

            songs[i] = new SimulatedSong(
                $"s{i:D5}", Vocabulary.Title(random), artist.Name, Vocabulary.Languages[artist.Language],
                Vocabulary.Genres[genre], year, random.Next(150, 331), tags);
            traits[i] = new SongTraits(
                artist.Language, genre, artistIndex, year,
                Energy: Math.Clamp(Vocabulary.GenreEnergy[genre] + (tags.Contains("upbeat") ? 0.15 : 0) + random.NextGaussian(0, 0.1), 0, 1),
                IsDuet: tags.Contains("duet"),
                HasHighNotes: tags.Contains("high-notes"),
                IsMellow: tags.Contains("sad") || tags.Contains("slow") || tags.Contains("nostalgic"),
                Quality: quality,
                Latent: Enumerable.Range(0, LatentSize).Select(_ => random.NextGaussian(0, 0.7)).ToArray());
            popularity[i] = artist.Popularity * Math.Exp(random.NextGaussian(0, 0.8) + quality);
        }
        return new Catalog(songs, traits, popularity);
    }


    private static string[] Tags(Random random, int genre)
    {
        var tags = Vocabulary.GenreTags[genre].Where(_ => random.NextDouble() < 0.7).ToList();
        if (random.NextDouble() < 0.08) tags.Add("duet");
        if (random.NextDouble() < 0.3) tags.Add(random.Pick(Vocabulary.Tags));
        return tags.Distinct().ToArray();
    }
}
