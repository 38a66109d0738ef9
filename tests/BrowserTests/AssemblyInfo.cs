// One platform, one browser and one seed for the whole run; the tests share them, one at a time (2 cores).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
