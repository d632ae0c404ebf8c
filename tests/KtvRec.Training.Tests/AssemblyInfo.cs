// libtorch's random generator and thread count are process-wide: trainings running side by side would disturb
// each other's seeds (and fight over the two cores), so these tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
