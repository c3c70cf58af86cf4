using Xunit;

namespace Reproduce.Tests.Safety;

/// <summary>
/// The GC-stress tests run one at a time and beside no other test class: their stress thread collects for the whole
/// process, and each compares a plain run with a stressed one of the same work.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GcStressCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "gc-stress";
}
