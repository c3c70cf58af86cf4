namespace Reproduce.Core.Assignment;

/// <summary>Shortest augmenting path linear assignment (Jonker-Volgenant family). To be written (issue 3).</summary>
public static class JonkerVolgenant
{
    /// <summary>See <see cref="LinearAssignment.Solve"/>.</summary>
    public static int[] Solve(double[,] cost, bool maximize) => throw new NotImplementedException("JonkerVolgenant is being written");
}
