using KtvRec.Client;
using KtvRec.Client.Models;

namespace KtvRec.SampleJukebox;

/// <summary>One room of the sample: four singers taking turns, each song from the room's list when the service answers.</summary>
internal sealed class Room(Jukebox jukebox, JukeboxArguments arguments, IReadOnlyList<Song> catalog, int number)
{
    private readonly Random _random = new(number);
    private readonly string _session = $"{arguments.Prefix}-room{number}";
    private readonly string[] _singers = [.. Enumerable.Range(0, 4).Select(i => $"{arguments.Prefix}-r{number}-u{i}")];
    private string? _recommendationId;

    public async Task SingAsync()
    {
        await StartAsync();
        var list = new List<RecommendedSong>();
        for (var i = 0; i < arguments.Events;)
        {
            // A new list every few songs; when the service is away, the last one (or a song off the catalog).
            if (list.Count == 0 && i % 8 == 0) list = [.. await ListAsync()];
            var song = list.Count > 0 ? list[0].SongId : catalog[_random.Next(catalog.Count)].Id;
            var recommendationId = list.Count > 0 ? _recommendationId : null;
            if (list.Count > 0) list.RemoveAt(0);
            var singer = _singers[i % _singers.Length];
            i += Track(new PlayEvent(EventType.Play, singer, song, _session, RecommendationId: recommendationId, EventId: Id(i)));
            if (i >= arguments.Events) break;
            i += Track(_random.NextDouble() < 0.7
                ? new PlayEvent(EventType.Complete, singer, song, _session, EventId: Id(i))
                : new PlayEvent(EventType.Skip, singer, song, _session, Progress: Math.Round(_random.NextDouble() * 0.5, 2), EventId: Id(i)));
        }
    }

    private string Id(int i) => $"{_session}-e{i}";

    private int Track(PlayEvent playEvent)
    {
        Console.WriteLine($"tracked {jukebox.Track(playEvent)}");
        return 1;
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await jukebox.Api.StartSessionAsync(new StartSession(_session, $"Room {number}", _singers));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException || e is KtvRecApiException { Status: >= System.Net.HttpStatusCode.InternalServerError })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 200 * attempt)));
            }
        }
    }

    private async Task<IReadOnlyList<RecommendedSong>> ListAsync()
    {
        try
        {
            var screen = await jukebox.RecommendForRoomAsync(_session, count: 8);
            _recommendationId = screen.List.RecommendationId;
            return screen.List.Items;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or KtvRecApiException)
        {
            return [];
        }
    }
}
