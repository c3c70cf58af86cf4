namespace Reproduce.Harness.Specs;

/// <summary>
/// What a cluster job of one stage kind asks for (the Slurm executor's <c>sbatch</c> options). Resources never enter
/// a stage's key: the same work on more cores gives the same result and is the same cache entry.
/// </summary>
/// <param name="Cpus">CPUs per job (<c>--cpus-per-task</c>); 0: the cluster's default. Training uses that many threads.</param>
/// <param name="Memory">Memory per job (<c>--mem</c>), e.g. <c>4G</c>, <c>500M</c>; "": the cluster's default.</param>
/// <param name="Gpus">GPUs per job (<c>--gpus</c>); 0: none.</param>
/// <param name="Time">Time limit (<c>--time</c>): minutes, <c>H:MM:SS</c> or <c>D-HH:MM:SS</c>; "": the partition's limit.</param>
/// <param name="Partition">Partition (<c>--partition</c>); "": the default partition.</param>
/// <param name="Account">Account charged (<c>--account</c>); "": the user's default.</param>
/// <param name="Sbatch">Further <c>sbatch</c> options, passed as given (e.g. <c>--qos=high</c>, <c>--constraint=a100</c>).</param>
public sealed record ResourceSpec(int Cpus, string Memory, int Gpus, string Time, string Partition, string Account,
    IReadOnlyList<string> Sbatch)
{
    /// <summary>Nothing asked: every option at the cluster's default.</summary>
    public static ResourceSpec None { get; } = new(0, "", 0, "", "", "", []);

    /// <summary>True when no field is set.</summary>
    public bool AsksNothing => Cpus == 0 && Gpus == 0 && Sbatch.Count == 0 && (Memory + Time + Partition + Account).Length == 0;
}
