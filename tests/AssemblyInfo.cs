using Xunit;

// Networks no longer draw from libtorch's global generator (each is initialized from its own, DefaultInitialization), but
// two process-wide states remain that test classes running in parallel would share: libtorch's intra-op thread count
// (StageExecutor sets it per run, and the bits of reductions depend on it, which the bit-identical resume checks see) and
// Serilog's static logger (the end-to-end tests capture it). On this 2-core machine libtorch's threads already use both
// cores, so parallel classes would gain little. Tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
