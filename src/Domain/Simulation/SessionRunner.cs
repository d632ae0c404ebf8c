namespace KtvRec.Domain.Simulation;

/// <summary>Plays out one room session song by song: who picks what, and how it ends.</summary>
internal sealed class SessionRunner(
    Random random, SimulationOptions options, CatalogGenerator.Catalog catalog, AudienceGenerator.Audience audience)
{
    private const int PopularCandidates = 60;
    private const int FavoriteCandidates = 10;

    private readonly double[] _cumulativePopularity = catalog.Popularity.RunningTotals();
    private readonly Dictionary<int, int[]> _songsByArtist = catalog.Traits
        .Select((song, index) => (song.Artist, index))
        .GroupBy(pair => pair.Artist)
        .ToDictionary(group => group.Key, group => group.Select(pair => pair.index).ToArray());
    private readonly Dictionary<int, List<int>> _repertoire = [];
    private int _eventCounter;

    public SimulatedSession Run(VenueSimulator.SessionPlan plan, List<SimulatedEvent> events)
    {
        var closingTime = plan.StartedAt.AddMinutes(random.Next(60, 241));
        var sungTonight = new HashSet<int>();
        var clock = plan.StartedAt;
        while (clock < closingTime)
        {
            var singer = plan.Members[random.Next(plan.Members.Length)];
            var context = new PlayContext(clock.Hour, clock.DayOfWeek, plan.Members.Length);
            var song = ChooseSong(singer, context, sungTonight);
            sungTonight.Add(song);
            clock = Sing(plan.Id, singer, song, context, clock, events);
        }
        return new SimulatedSession(
            plan.Id, plan.Room, plan.StartedAt, clock.AddMinutes(2),
            plan.Members.Select(member => audience.Users[member].Id).ToArray());
    }

    /// <summary>Emits the events of one song and returns the time the next one starts.</summary>
    private DateTime Sing(string sessionId, int singer, int song, PlayContext context, DateTime startedAt, List<SimulatedEvent> events)
    {
        var userId = audience.Users[singer].Id;
        var songId = catalog.Songs[song].Id;
        var duration = TimeSpan.FromSeconds(catalog.Songs[song].DurationSeconds);
        var probability = TasteOracle.Sigmoid(TasteOracle.Logit(audience.Tastes[singer], catalog.Traits[song], context));

        events.Add(Event("play", userId, songId, sessionId, startedAt));
        if (random.NextDouble() >= probability)
        {
            var progress = Math.Round(0.02 + 0.6 * Math.Pow(random.NextDouble(), 1.5), 3);
            var skippedAt = startedAt + duration * progress;
            events.Add(Event("skip", userId, songId, sessionId, skippedAt, progress: progress));
            return skippedAt.AddSeconds(random.Next(10, 60));
        }

        var endedAt = startedAt + duration;
        events.Add(Event("complete", userId, songId, sessionId, endedAt));
        Remember(singer, song);
        if (random.NextDouble() < 0.5)
        {
            var skill = audience.Tastes[singer].Skill;
            var mark = Math.Clamp(Math.Round(45 + 30 * skill + 20 * probability + random.NextGaussian(0, 6), 1), 0, 100);
            events.Add(Event("score", userId, songId, sessionId, endedAt.AddSeconds(1), score: mark));
        }
        if (random.NextDouble() < 0.4 * probability)
            events.Add(Event("like", userId, songId, sessionId, endedAt.AddSeconds(2)));
        if (random.NextDouble() < 0.12 * probability)
            events.Add(Event("favorite", userId, songId, sessionId, endedAt.AddSeconds(3)));
        return endedAt.AddSeconds(random.Next(20, 90));
    }

    /// <summary>People mostly pick what they like among what they know: their repertoire, hits, their idols' songs.</summary>
    private int ChooseSong(int singer, PlayContext context, HashSet<int> sungTonight)
    {
        var taste = audience.Tastes[singer];
        if (_repertoire.TryGetValue(singer, out var repertoire) && random.NextDouble() < 0.25)
        {
            var favorite = random.Pick(repertoire);
            if (!sungTonight.Contains(favorite)) return favorite;
        }

        var candidates = new List<int>(PopularCandidates + FavoriteCandidates);
        for (var i = 0; i < PopularCandidates; i++)
            candidates.Add(random.PickCumulative(_cumulativePopularity));
        foreach (var artist in taste.FavoriteArtists)
        {
            var songs = _songsByArtist[artist];
            for (var i = 0; i < FavoriteCandidates / Math.Max(1, taste.FavoriteArtists.Count); i++)
                candidates.Add(random.Pick(songs));
        }
        candidates.RemoveAll(sungTonight.Contains);
        if (candidates.Count == 0) return random.Next(catalog.Songs.Length);

        var appeal = candidates
            .Select(song => Math.Exp(0.8 * TasteOracle.Logit(taste, catalog.Traits[song], context)))
            .ToArray();
        return candidates[random.PickWeighted(appeal)];
    }

    private void Remember(int singer, int song)
    {
        if (!_repertoire.TryGetValue(singer, out var repertoire))
            _repertoire[singer] = repertoire = [];
        if (!repertoire.Contains(song)) repertoire.Add(song);
    }

    private SimulatedEvent Event(
        string type, string userId, string songId, string sessionId, DateTime at,
        double? progress = null, double? score = null) =>
        new($"sim{options.Seed}-e{_eventCounter++:D8}", type, userId, songId, sessionId, at, progress, score);
}
