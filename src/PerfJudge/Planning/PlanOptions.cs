using System.Globalization;
using PerfJudge.Judging;

namespace PerfJudge.Planning;

/// <summary>What <c>plan</c> writes: a sharded evaluation for a scheduler.</summary>
/// <param name="Shards">Number of shards.</param>
/// <param name="EvalArgs">The arguments of <c>perfjudge eval</c> every shard runs (without --shard, --group, --json, --store).</param>
/// <param name="Command">How the nodes start PerfJudge, as words (e.g. <c>perfjudge</c>, or <c>dotnet /opt/perfjudge/perfjudge.dll</c>).</param>
/// <param name="Group">Name of the sharded run (null: derived from the eval arguments and shard count).</param>
/// <param name="Store">Shared store the shards write to (null: <c>$PERFJUDGE_STORE</c> at run time, else one SQLite file per shard).</param>
/// <param name="OutputDir">Slurm: where shard documents, logs and the merged result go (absolute).</param>
/// <param name="WorkDir">Slurm: the shards' working directory (absolute).</param>
/// <param name="Parallelism">Shards running at once (0: all).</param>
/// <param name="Cpus">CPUs per shard (its --jobs).</param>
/// <param name="Image">Kubernetes: the container image with PerfJudge, .NET and Python.</param>
public sealed record PlanOptions(int Shards, IReadOnlyList<string> EvalArgs, IReadOnlyList<string> Command, string? Group = null,
    string? Store = null, string OutputDir = "/tmp/perfjudge", string WorkDir = "/tmp", int Parallelism = 0, int Cpus = 2,
    string? Image = null)
{
    /// <summary>eval options the plan sets itself.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["--shard", "--group", "--json", "--store", "--html"];

    /// <summary>The group: given, or a hash of the eval arguments and the shard count (the same on resubmission).</summary>
    public string GroupName => Group ?? "pj-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join("\0", EvalArgs) + "\0" + Shards.ToString(CultureInfo.InvariantCulture))))[..10];

    /// <summary>Every problem with these options; <paramref name="kubernetes"/> asks for an image.</summary>
    public IReadOnlyList<Diagnostic> Validate(bool kubernetes)
    {
        var problems = new List<Diagnostic>();
        if (Shards is < 1 or > 100_000)
        {
            problems.Add(Diagnostic.Usage("--shards", "must be between 1 and 100000"));
        }
        if (Parallelism < 0 || Cpus is < 1 or > 256)
        {
            problems.Add(Diagnostic.Usage("--parallelism/--cpus", "parallelism must be 0 (all) or more, CPUs between 1 and 256"));
        }
        if (Command.Count == 0)
        {
            problems.Add(Diagnostic.Usage("--perfjudge", "needs the command that starts PerfJudge"));
        }
        if (Group is not null && (Group.Length is 0 or > 50 || !Group.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            problems.Add(Diagnostic.Usage("--group", "must be 1 to 50 lower-case letters, digits or '-' (it names Slurm and Kubernetes jobs)"));
        }
        problems.AddRange(EvalArgs.Where(a => Reserved.Contains(a.Split('=')[0]))
            .Select(a => Diagnostic.Usage("eval arguments", $"{a} is set by the plan itself; leave it out")));
        if (kubernetes && string.IsNullOrWhiteSpace(Image))
        {
            problems.Add(Diagnostic.Usage("--image", "is required for Kubernetes: an image with PerfJudge, .NET and Python (docs/scale-out.md)"));
        }
        return problems;
    }
}
