using Xunit;

// Networks are initialized from libtorch's one global generator (torch.manual_seed + module constructors), and libtorch's
// threads already use both cores: test classes running in parallel would reseed each other's draws and make the
// bit-identical checks (same seed → same weights, resume → same weights) fail by timing. Tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
