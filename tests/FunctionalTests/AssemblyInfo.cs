// The functional tests share one platform, one broker (which some of them stop) and one database.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
