using Xunit;

namespace Reproduce.Tests.Harness;

/// <summary>
/// Tests whose numbers must be the same bits in every suite run run beside no other test class. libtorch's intra-op
/// thread count is one setting for the whole process, and every stage executor a test starts sets it to its own
/// threads per job (1 for <c>--jobs 2</c> on 2 cores): the smoke regression, running for minutes beside the execution
/// tests, trained part of its stages with 1 thread and part with 2, so two clean-clone CI runs of the same commit gave
/// different LeNet and RSGD solutions (lenet-mnist midpoints converged 1 vs 0, F4 holds vs fails).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "alone";
}
