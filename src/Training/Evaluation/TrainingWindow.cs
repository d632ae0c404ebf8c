using KtvRec.Training.Features;
using KtvRec.Training.Retrieval;

namespace KtvRec.Training.Evaluation;

/// <summary>What a dataset's training window says about users and songs: what every ranker is built and judged with.</summary>
public static class TrainingWindow
{
    /// <summary>What each user enjoyed in the training window, newest first: what serving reads as their recent songs.</summary>
    public static Dictionary<string, List<string>> Histories(KtvDataset data) =>
        data.TrainInteractions.Where(i => i.Enjoyed)
            .GroupBy(i => i.UserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.At).Select(i => i.SongId).ToList());

    /// <summary>Cosine item-to-item similarity of the training window's enjoyed songs: the item-kNN baseline.</summary>
    public static SongNeighbours Neighbours(KtvDataset data) => SongNeighbours.Build(Positives(data));

    /// <summary>Who enjoyed which song in the training window, oldest first.</summary>
    public static IEnumerable<(string UserId, string SongId)> Positives(KtvDataset data) =>
        data.TrainInteractions.Where(i => i.Enjoyed).Select(i => (i.UserId, i.SongId));

    /// <summary>Songs by how often they were enjoyed in the training window, the baseline every model must beat.</summary>
    public static List<string> PopularityRanking(KtvDataset data)
    {
        var counts = data.TrainInteractions.Where(i => i.Enjoyed)
            .GroupBy(i => i.SongId).ToDictionary(g => g.Key, g => g.Count());
        return data.Venue.Songs.Select(s => s.Id)
            .OrderByDescending(id => counts.GetValueOrDefault(id))
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
    }
}
