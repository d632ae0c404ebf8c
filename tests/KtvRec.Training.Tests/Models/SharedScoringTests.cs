using KtvRec.Domain;
using KtvRec.Training.Data;
using KtvRec.Training.Features;
using KtvRec.Training.ModelFiles;
using KtvRec.Training.Models;
using KtvRec.Training.Retrieval;
using KtvRec.Training.Scoring;
using KtvRec.Training.Trainer;
using static TorchSharp.torch;

namespace KtvRec.Training.Tests.Models;

public sealed class SharedScoringTests
{
    [Theory]
    [InlineData(ModelKind.Lr)]
    [InlineData(ModelKind.Fm)]
    [InlineData(ModelKind.DeepFm)]
    public void ScoringWithPreparedSongSidesInManagedCodeGivesTheModelsOwnScoresOfTheWholeRows(ModelKind kind)
    {
        using var trained = RandomModel(kind);
        var user = SmallVenue.Snapshot.Users[3];
        var songs = SmallVenue.Snapshot.Songs.Take(120).ToList();
        var recent = SmallVenue.Snapshot.Songs.Skip(200).Take(7).Select(s => s.Id).ToList();
        var context = PlayContext.At(new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc), 4);
        var pairs = Pairs(songs.Count, seed: 1);

        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var shared = scorer.Score(scorer.Prepare(user, context, recent), Enumerable.Range(0, songs.Count).ToList(), pairs);
        var userSide = KtvFeatures.UserSide(user, context, recent);
        var whole = Predictor.Predict(trained.Model, FeatureTable.Encode(
            trained.Space, songs.Select((song, i) => KtvFeatures.Row(KtvFeatures.SongSide(song), userSide, pairs[i], label: 0)).ToList(), KtvFeatures.Slots));

        Assert.Equal(whole.Length, shared.Length);
        for (var i = 0; i < whole.Length; i++) Assert.Equal(whole[i], shared[i], 1e-5f);
        Assert.True(whole.Distinct().Count() > 100, "the songs score differently");
    }

    [Fact]
    public void ScoringARoomsMembersInOneBatchGivesEachMemberTheScoresOfTheirOwn()
    {
        using var trained = RandomModel(ModelKind.DeepFm);
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, SmallVenue.Snapshot.Songs);
        var members = ThreeMembers(scorer, PlayContext.At(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), 3));
        // More pairs than the DNN takes at a time, so a batch of it holds the end of one member and the start of the next.
        var rows = Enumerable.Range(0, 300).Select(i => i * 7 % scorer.Count).ToList();
        var pairs = Pairs(rows.Count * members.Length, seed: 2);

        var batch = scorer.Score(members, rows, pairs);

        Assert.Equal(members.Length, batch.Length);
        for (var m = 0; m < members.Length; m++)
        {
            var own = scorer.Score(members[m], rows, Enumerable.Range(0, rows.Count).Select(i => pairs[i * members.Length + m]).ToList());
            Assert.Equal(own.Length, batch[m].Length);
            for (var i = 0; i < own.Length; i++) Assert.Equal(own[i], batch[m][i], 1e-6f);
        }
        Assert.NotEqual(batch[0], batch[1]);
    }

    [Fact]
    public void HowMuchThePartySizeLiftsASongIsItsScoreAgainstItsScoreWithThePartySizeUnknown()
    {
        using var trained = RandomModel(ModelKind.DeepFm);
        var user = SmallVenue.Snapshot.Users[3];
        var songs = SmallVenue.Snapshot.Songs.Take(100).ToList();
        var recent = SmallVenue.Snapshot.Songs.Skip(200).Take(7).Select(s => s.Id).ToList();
        var at = new DateTime(2026, 12, 1, 21, 0, 0, DateTimeKind.Utc);
        var scorer = CatalogScorer.Build(trained.Model, trained.Space, songs);
        var rows = Enumerable.Range(0, songs.Count).ToList();
        var pairs = Pairs(songs.Count, seed: 3);
        // A room of no one known: the party size is "?", as the fits' baseline has it.
        var unknown = scorer.Score(scorer.Prepare(user, PlayContext.At(at, 0), recent), rows, pairs);
        // A random model lifts some songs by one party size and lowers them by another: the first size that lifts any.
        var (size, scores, lifted) = new[] { 4, 2, 1, 6, 8 }
            .Select(size =>
            {
                var scores = scorer.Score(scorer.Prepare(user, PlayContext.At(at, size), recent), rows, pairs);
                return (size, scores, Lifted: rows.Where(i => scores[i] - unknown[i] >= 0.01f).ToList());
            })
            .First(party => party.Lifted.Count > 0);

        var fits = scorer.ContextFits(scorer.Prepare(user, PlayContext.At(at, size), recent), PlayContext.At(at, size), rows, pairs, scores, minimumLift: 0.01f);

        // Each song names the context field that lifts it most: the party size's own lift where that is the one,
        // else a field that lifts it at least as much.
        foreach (var i in lifted)
        {
            var fit = Assert.IsType<ContextFit>(fits[i]);
            if (fit.Field == "party_size") Assert.Equal(scores[i] - unknown[i], fit.Lift, 1e-4f);
            else Assert.True(fit.Lift >= scores[i] - unknown[i] - 1e-4f);
        }
        Assert.All(fits.OfType<ContextFit>(), fit => Assert.True(fit.Lift >= 0.01f));
    }

    /// <summary>Pair fields of every kind: buckets across their range, the scores positive and negative.</summary>
    private static List<PairSignals> Pairs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new PairSignals(
            random.Next(3), random.Next(8), random.Next(5), random.Next(26), (float)(random.NextDouble() * 4 - 0.5), random.Next(26),
            (float)(random.NextDouble() * 3 - 0.3), random.Next(26), random.Next(12), random.Next(12))).ToList();
    }

    /// <summary>A room of two regulars and a stranger, each with songs of their own.</summary>
    private static CatalogScorer.UserSide[] ThreeMembers(CatalogScorer scorer, PlayContext context)
    {
        var (users, songs) = (SmallVenue.Snapshot.Users, SmallVenue.Snapshot.Songs);
        return
        [
            scorer.Prepare(users[1], context, [songs[3].Id, songs[8].Id]),
            scorer.Prepare(users[2], context, []),
            scorer.Prepare(null, context, [songs[40].Id]),
        ];
    }

    /// <summary>A model over the small venue's vocabulary with weights far from their near-zero start, so every term counts.</summary>
    internal static TrainedModel RandomModel(ModelKind kind)
    {
        var space = SmallVenue.Space;
        var shape = new ModelShape(kind, space.Size, space.FieldCount, 8, [16, 16], 0.2);
        var model = CtrModel.Create(shape);
        using (no_grad())
        {
            random.manual_seed(5);
            foreach (var parameter in model.parameters()) parameter.normal_(0, 0.5);
            // Batch normalisation's running statistics too, so its folding into the layer before is checked.
            foreach (var (name, buffer) in model.named_buffers())
            {
                if (name.EndsWith("running_mean")) buffer.normal_(0, 0.5);
                if (name.EndsWith("running_var")) buffer.uniform_(0.5, 2);
            }
        }
        model.eval();
        var metadata = new ModelMetadata(
            "test", shape, KtvFeatures.Slots, new TrainerOptions(), new Dictionary<string, double>(), null, null, DateTime.UtcNow, 0, 0, "test", Ease.DefaultLambda);
        return new TrainedModel(model, space, metadata, SongSimilarity.Empty);
    }
}
