using KtvRec.Domain;
using KtvRec.Domain.Songs;
using KtvRec.Domain.Users;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Trainer;

namespace KtvRec.Training.Scoring;

/// <summary>Scores candidate songs for one user in one context with a trained model: the serving side's single call.</summary>
public static class CatalogScorer
{
    /// <param name="user">The user's profile, or null for a user the service has never seen (their id is then out of vocabulary).</param>
    /// <param name="recentSongs">The user's distinct enjoyed songs, newest first.</param>
    /// <returns>The probability of each song being sung to the end, in the order given.</returns>
    public static float[] Score(TrainedModel model, string userId, User? user, IReadOnlyList<Song> songs, PlayContext context, IReadOnlyList<string> recentSongs)
    {
        if (songs.Count == 0) return [];
        // The user, context and recent songs are the same for every candidate: encoded and looked up once.
        var shared = FeatureTable.Encode(model.Space, [KtvFeatures.UserSide(user, userId, context, recentSongs)], KtvFeatures.UserSideSlots);
        var candidates = FeatureTable.Encode(model.Space, songs.Select(song => KtvFeatures.SongSide(user, song)).ToList(), KtvFeatures.SongSideSlots);
        return Predictor.PredictShared(model.Model, shared, candidates);
    }
}
