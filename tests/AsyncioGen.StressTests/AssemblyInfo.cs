// Stress tests measure memory and saturate both cores: they run one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
