namespace Reproduce.Core.Symmetry;

/// <summary>The continuous or discrete symmetry of a hidden unit, besides the permutation all units share.</summary>
public enum UnitSymmetry
{
    /// <summary>ReLU: relu(s·z) = s·relu(z) for s &gt; 0; scale incoming by s and outgoing by 1/s.</summary>
    PositiveScale,
    /// <summary>sign: sign(−z) = −sign(z); flip incoming and outgoing together (binary nets).</summary>
    Sign,
    /// <summary>Only the permutation: e.g. a sign unit followed by a max-pool, or a committee's fixed +1 output.</summary>
    PermutationOnly,
}
