namespace Reproduce.Harness.Execution.Slurm;

/// <summary>A Slurm command failed or Slurm cannot be used (no controller, no built CLI): the message says which and why.</summary>
public sealed class SlurmException(string message) : Exception(message);
