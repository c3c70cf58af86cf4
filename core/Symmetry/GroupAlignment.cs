namespace Reproduce.Core.Symmetry;

/// <summary>How one hidden group of B was matched to A's.</summary>
/// <param name="Group">The group's name (<see cref="UnitGroup.Name"/>).</param>
/// <param name="Permutation">π: A's unit i is matched with B's unit π[i]; aligned B's unit i is old B's unit π[i].</param>
/// <param name="Flips">For sign units: whether aligned unit i was sign-flipped (cos(w_i^A, w_π(i)^B) &lt; 0); null otherwise.</param>
/// <param name="Cosines">cos(w_i^A, aligned w_i^B) per unit after the permutation and flips (1 for an exact copy).</param>
public sealed record GroupAlignment(string Group, int[] Permutation, bool[]? Flips, double[] Cosines)
{
    /// <summary>Whether π is the identity and nothing was flipped.</summary>
    public bool IsIdentity => Permutation.Select((p, i) => p == i).All(x => x) && (Flips is null || !Flips.Any(f => f));
}
