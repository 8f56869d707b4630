using System.Globalization;
using PerfJudge.Judging;
using PerfJudge.Samples;

namespace PerfJudge.Jobs;

/// <summary>One part of a deterministic partition of an evaluation by task: shard
/// <paramref name="Index"/> of <paramref name="Count"/> judges the tasks at positions p (in the suite's
/// order, among the tasks that have samples) with p mod Count = Index. A task's references and all its
/// samples stay together on one machine in one run, so relative scores stay valid, and every shard of
/// the same suite and samples computes the same partition without talking to the others.</summary>
/// <param name="Index">0-based shard index.</param>
/// <param name="Count">Number of shards.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Environment variable that gives the shard count where the scheduler gives only an index (Kubernetes).</summary>
    public const string CountVariable = "PERFJUDGE_SHARD_COUNT";

    /// <summary>Parses <c>--shard</c>: <c>I/N</c> (0-based I); <c>env</c> reads the index and count the
    /// scheduler sets (Slurm: <c>SLURM_ARRAY_TASK_ID</c> - <c>SLURM_ARRAY_TASK_MIN</c> of
    /// <c>SLURM_ARRAY_TASK_COUNT</c>; Kubernetes: <c>JOB_COMPLETION_INDEX</c> of <c>PERFJUDGE_SHARD_COUNT</c>);
    /// <c>env/N</c> takes the index from there and the count N.</summary>
    public static ShardSpec? Parse(string text, Func<string, string?> environment, ICollection<Diagnostic> problems)
    {
        var parts = text.Split('/', 2);
        int? index, count;
        if (parts[0] == "env")
        {
            var slurm = environment("SLURM_ARRAY_TASK_ID") is not null;
            index = slurm ? Int(environment("SLURM_ARRAY_TASK_ID")) - (Int(environment("SLURM_ARRAY_TASK_MIN")) ?? 0)
                : Int(environment("JOB_COMPLETION_INDEX"));
            count = parts.Length > 1 ? Int(parts[1])
                : slurm ? Int(environment("SLURM_ARRAY_TASK_COUNT")) : Int(environment(CountVariable));
            if (index is null || count is null)
            {
                problems.Add(Diagnostic.Usage("--shard", "'env' needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (a Slurm array job), " +
                    $"or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) with {CountVariable} or env/N"));
                return null;
            }
        }
        else
        {
            index = Int(parts[0]);
            count = parts.Length > 1 ? Int(parts[1]) : null;
            if (index is null || count is null)
            {
                problems.Add(Diagnostic.Usage("--shard", $"'{text}' is not I/N (shard I of N, I from 0), env or env/N"));
                return null;
            }
        }
        var shard = new ShardSpec(index.Value, count.Value);
        var before = problems.Count;
        foreach (var problem in shard.Validate())
        {
            problems.Add(problem);
        }
        return problems.Count > before ? null : shard;
    }

    /// <summary>Every problem with this shard.</summary>
    public IEnumerable<Diagnostic> Validate()
    {
        if (Count is < 1 or > 100_000)
        {
            yield return Diagnostic.Usage("--shard", $"the shard count must be between 1 and 100000 (got {Count})");
        }
        else if (Index < 0 || Index >= Count)
        {
            yield return Diagnostic.Usage("--shard", $"the shard index must be between 0 and {Count - 1} (got {Index})");
        }
    }

    /// <summary>The samples of this shard's tasks, in their original order.</summary>
    public List<Sample> Select(IReadOnlyList<string> suiteOrder, IReadOnlyList<Sample> samples)
    {
        var present = samples.Select(s => s.TaskId).ToHashSet(StringComparer.Ordinal);
        var mine = suiteOrder.Where(present.Contains).Where((_, position) => position % Count == Index).ToHashSet(StringComparer.Ordinal);
        return samples.Where(s => mine.Contains(s.TaskId)).ToList();
    }

    /// <summary>The default group of a sharded run: the same for every shard of the same suite, samples
    /// and shard count (so a rerun of a killed shard joins its run), different otherwise.</summary>
    public string DefaultGroup(string suite, IReadOnlyList<Sample> samples)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\0"));
        Add(suite);
        Add(Count.ToString(CultureInfo.InvariantCulture));
        foreach (var s in samples)
        {
            Add(s.Model);
            Add(s.TaskId);
            Add(s.Line.ToString(CultureInfo.InvariantCulture));
            Add(s.Program);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary><c>I/N</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
