using Xunit;

namespace Reproduce.Tests;

/// <summary>Tests that configure Serilog's global logger run one at a time.</summary>
[CollectionDefinition("Serilog", DisableParallelization = true)]
public sealed class SerilogCollection;
