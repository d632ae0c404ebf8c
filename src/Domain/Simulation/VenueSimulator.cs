namespace KtvRec.Domain.Simulation;

/// <summary>
/// Simulates a KTV venue: a catalog, an audience with hidden tastes, and room sessions in which people pick songs
/// and sing them to the end, skip, like, favorite or get scored, each outcome drawn from the <see cref="TasteOracle"/>.
/// </summary>
public static class VenueSimulator
{
    private static readonly double[] PartySizeShare = [0.08, 0.20, 0.18, 0.17, 0.14, 0.10, 0.07, 0.06];

    /// <summary>Share of sessions starting at each hour from noon (12) to 2 am (26).</summary>
    private static readonly double[] StartHourShare =
        [0.02, 0.02, 0.03, 0.03, 0.04, 0.05, 0.07, 0.10, 0.12, 0.12, 0.10, 0.08, 0.06, 0.04, 0.03];

    private const int CircleSize = 10;

    public static SimulatedVenue Generate(SimulationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Songs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Artists, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Users, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rooms, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);

        var random = new Random(options.Seed);
        var catalog = CatalogGenerator.Generate(random, options);
        var audience = AudienceGenerator.Generate(random, options, catalog.Traits);
        var oracle = new TasteOracle(
            audience.Users.Select((user, i) => (user.Id, audience.Tastes[i])).ToDictionary(),
            catalog.Songs.Select((song, i) => (song.Id, catalog.Traits[i])).ToDictionary());

        var rooms = new SessionRunner(random, options, catalog, audience);
        var sessions = new List<SimulatedSession>();
        var events = new List<SimulatedEvent>();
        foreach (var (plan, index) in PlanSessions(random, options).OrderBy(p => p.StartedAt).Select((p, i) => (p, i)))
        {
            var session = rooms.Run(plan with { Id = $"sim{options.Seed}-r{index:D6}" }, events);
            sessions.Add(session);
        }
        events.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
        return new SimulatedVenue(catalog.Songs, audience.Users, sessions, events, oracle);
    }

    internal sealed record SessionPlan(string Id, string Room, DateTime StartedAt, int[] Members);

    private static IEnumerable<SessionPlan> PlanSessions(Random random, SimulationOptions options)
    {
        var firstDay = options.EndDate.AddDays(-options.Days).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var circles = Math.Max(1, options.Users / CircleSize);
        for (var i = 0; i < options.Sessions; i++)
        {
            var startedAt = firstDay
                .AddDays(random.Next(options.Days))
                .AddHours(12 + random.PickWeighted(StartHourShare))
                .AddMinutes(random.Next(60));
            var partySize = Math.Min(1 + random.PickWeighted(PartySizeShare), options.Users);
            yield return new SessionPlan(
                "", $"room-{1 + random.Next(options.Rooms):D2}", startedAt,
                Party(random, options.Users, circles, partySize));
        }
    }

    /// <summary>Friends sing together: most of a party comes from one circle of friends.</summary>
    private static int[] Party(Random random, int users, int circles, int size)
    {
        var circle = random.Next(circles);
        var members = new HashSet<int>();
        while (members.Count < size)
        {
            var fromCircle = circle * CircleSize + random.Next(CircleSize);
            members.Add(random.NextDouble() < 0.85 && fromCircle < users ? fromCircle : random.Next(users));
        }
        return members.ToArray();
    }
}
