namespace Reproduce.Harness.Cli;

/// <summary>A mistake on the command line; printed without a stack trace, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
