using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>The expected outputs of EvalPlus tasks: one <see cref="ExpectedRequest"/> per task, run on
/// the trusted side's runner (the caching decorator replays them on a second run).</summary>
public static class ExpectedOutputs
{
    /// <summary>Wall and CPU seconds the canonical solution gets for all of a task's inputs (at least the user's limit).</summary>
    public const double ReferenceSeconds = 600;

    /// <summary>Memory of the canonical solution and of samples at least (EvalPlus's default limit is 4 GiB).</summary>
    public const long MemoryBytes = 4L << 30;

    /// <summary>The request of <paramref name="task"/>.</summary>
    public static ExpectedRequest Request(CodeTask task, ExecutionLimits limits)
    {
        var spec = task.EvalPlus ?? throw new ArgumentException($"{task.TaskId} is not an EvalPlus task", nameof(task));
        var seconds = Math.Max(ReferenceSeconds, limits.WallSeconds);
        return new ExpectedRequest(task.TaskId, spec.Dataset, task.ReferenceProgram, task.EntryPoint, spec.Contract,
            spec.BaseInputs, spec.PlusInputs, limits with
            {
                WallSeconds = seconds, CpuSeconds = Math.Max(seconds, limits.CpuSeconds), MemoryBytes = Math.Max(MemoryBytes, limits.MemoryBytes),
            });
    }

    /// <summary>How a worker computes the expected outputs of <paramref name="task"/> again: the same program,
    /// contract and limits as <see cref="Request"/>'s.</summary>
    public static EvalPlusReference Reference(CodeTask task, ExecutionLimits limits)
    {
        var request = Request(task, limits);
        return new EvalPlusReference(request.Program, request.Contract, request.Limits);
    }

    /// <summary>Computes the expected outputs of <paramref name="tasks"/>, in parallel, reporting progress in tasks.</summary>
    public static async Task<Dictionary<string, ExpectedReply>> ComputeAsync(IRunner runner, IReadOnlyList<CodeTask> tasks,
        ExecutionLimits limits, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var replies = new Dictionary<string, ExpectedReply>(StringComparer.Ordinal);
        var done = 0;
        var cached = 0;
        progress?.Report(new JobProgress(0, tasks.Count, 0, "expected outputs"));
        var options = new ParallelOptions { MaxDegreeOfParallelism = runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(tasks, options, async (task, token) =>
        {
            var reply = await runner.RunAsync(Request(task, limits), token);
            lock (replies)
            {
                replies[task.TaskId] = reply;
            }
            if (reply.FromStore)
            {
                Interlocked.Increment(ref cached);
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref done), tasks.Count, Volatile.Read(ref cached), "expected outputs"));
        });
        return replies;
    }

    /// <summary>Time limits of a sample on one input set: the user's, or 1 s plus four times the canonical
    /// solution's time when that is longer (EvalPlus: four times the canonical's time, at least 1 s, per input);
    /// memory at least 4 GiB, as EvalPlus.</summary>
    public static ExecutionLimits SampleLimits(ExecutionLimits limits, double referenceSeconds)
    {
        var seconds = Math.Max(limits.WallSeconds, Math.Round(1 + 4 * referenceSeconds, 1));
        return limits with
        {
            WallSeconds = seconds, CpuSeconds = Math.Max(limits.CpuSeconds, seconds), MemoryBytes = Math.Max(MemoryBytes, limits.MemoryBytes),
        };
    }
}
