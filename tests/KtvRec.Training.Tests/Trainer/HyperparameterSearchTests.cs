using KtvRec.Training.Trainer;

namespace KtvRec.Training.Tests.Trainer;

public sealed class HyperparameterSearchTests
{
    [Fact]
    public void ARetrainWithABudgetTriesEveryVariantAndKeepsOneOfThem()
    {
        var options = SmallVenue.Options() with { SearchBudget = TimeSpan.FromMinutes(30) };

        var (model, report, _) = VenueTraining.Train(SmallVenue.Snapshot, options);
        using (model)
        {
            var variants = HyperparameterSearch.Variants(options);
            Assert.Equal(variants.Count, report.SearchTrials);
            Assert.Contains(variants, v => v.EmbeddingDim == model.Metadata.Shape.EmbeddingDim && v.Trainer == model.Metadata.Trainer);
            Assert.Equal(report.SearchTrials, report.ToMetrics()["search_trials"]);
        }
    }

    [Fact]
    public void WithoutABudgetOnlyTheConfiguredSettingsAreTrained()
    {
        var options = SmallVenue.Options();

        var (model, report, _) = VenueTraining.Train(SmallVenue.Snapshot, options);
        using (model)
        {
            Assert.Equal(1, report.SearchTrials);
            Assert.Equal(options.EmbeddingDim, model.Metadata.Shape.EmbeddingDim);
            Assert.Equal(options.Trainer, model.Metadata.Trainer);
        }
    }

    [Fact]
    public void AnotherTrialStartsOnlyWhenOneMoreOfTheLastOneFitsTheBudget()
    {
        Assert.True(HyperparameterSearch.Fits(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(4)));
        Assert.False(HyperparameterSearch.Fits(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(4)));
    }
}
