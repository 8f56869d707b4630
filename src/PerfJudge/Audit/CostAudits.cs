using System.Globalization;
using System.Text.Json;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using MathNet.Numerics.Statistics;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>The audit's efficiency-discrimination check on tasks with explicit inputs (EvalPlus suites):
/// the reference, an empty function and the given samples that passed, measured round by round
/// (alternating, fresh processes) on the task's largest input.</summary>
public static class CostAudits
{
    /// <summary>Relative gap between two cost levels below which they are one cluster (at least; twice the
    /// largest CoV when that is more). An approximation of EvalPerf's clustering, which this does not copy.</summary>
    public const double ClusterGap = 0.05;

    /// <summary>Measures every task that has explicit inputs; tasks without are absent from the result.</summary>
    public static async Task<Dictionary<string, CostAudit>> MeasureAsync(IRunner runner, IReadOnlyList<CodeTask> tasks,
        IReadOnlyList<Sample> samples, IReadOnlyDictionary<(string Task, string Model, int Sample), ResultRow> judged, int rounds,
        ExecutionLimits limits, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var result = new Dictionary<string, CostAudit>(StringComparer.Ordinal);
        var measured = tasks.Where(t => t.EvalPlus is not null).ToList();
        if (rounds == 0 || measured.Count == 0)
        {
            return result;
        }
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(measured, options, async (task, token) =>
        {
            var passing = samples.Where(s => s.TaskId == task.TaskId && judged.GetValueOrDefault((s.TaskId, s.Model, s.Index))?.Passed == true)
                .Select(s => s.Program).Distinct(StringComparer.Ordinal).ToList();
            var audit = await MeasureAsync(runner, task, passing, rounds, limits, token);
            lock (result)
            {
                result[task.TaskId] = audit;
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref done), measured.Count, 0, "cost measurements"));
        });
        return result;
    }

    private static async Task<CostAudit> MeasureAsync(IRunner runner, CodeTask task, List<string> samples, int rounds,
        ExecutionLimits limits, CancellationToken cancel)
    {
        if (Largest(task.EvalPlus!) is not { } input)
        {
            return new CostAudit("", 0, 0, 0, null, "its inputs hold numbers JSON cannot carry (Infinity/NaN)");
        }
        var empty = $"def {task.EntryPoint}(*args, **kwargs):\n    return None\n";
        var programs = new List<string> { task.ReferenceProgram, empty };
        programs.AddRange(samples);
        var request = new MeasureRequest(programs, task.EntryPoint, input.Args, rounds, "cpu",
            limits with { WallSeconds = Math.Max(10, limits.WallSeconds), CpuSeconds = Math.Max(10, limits.CpuSeconds) });
        var reply = await runner.RunAsync(request, cancel);
        if (reply.Verdict != Verdict.Passed || reply.Times.Count != programs.Count)
        {
            return new CostAudit(input.Name, 0, 0, 0, null, $"{reply.Verdict.Name()}: {reply.Detail}");
        }
        var medians = reply.Times.Select(t => t.Median()).ToList();
        var covs = reply.Times.Select(Cov).ToList();
        int? clusters = samples.Count == 0 ? null : Clusters(medians.Take(1).Concat(medians.Skip(2)).ToList(),
            Math.Max(ClusterGap, 2 * covs.Take(1).Concat(covs.Skip(2)).Max()));
        return new CostAudit(input.Name, medians[0], medians[1], covs[0], clusters, null);
    }

    /// <summary>Number of groups when sorted costs are split wherever one exceeds its group's smallest by more than <paramref name="gap"/>.</summary>
    public static int Clusters(IReadOnlyList<double> costs, double gap)
    {
        var sorted = costs.Order().ToList();
        var count = 0;
        var start = double.NaN;
        foreach (var c in sorted)
        {
            if (count == 0 || c > start * (1 + gap))
            {
                count++;
                start = c;
            }
        }
        return count;
    }

    /// <summary>Sample coefficient of variation (0 below two values).</summary>
    internal static double Cov(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return mean > 0 ? sd / mean : 0;
    }

    private static (string Name, string Args)? Largest(EvalPlusSpec spec)
    {
        try
        {
            (string Name, string Args)? best = null;
            foreach (var (part, text) in new[] { ("base", spec.BaseInputs), ("plus", spec.PlusInputs) })
            {
                using var doc = JsonDocument.Parse(text);
                var i = 0;
                foreach (var item in doc.RootElement.EnumerateArray())
                {
                    var raw = item.GetRawText();
                    if (best is null || raw.Length > best.Value.Args.Length)
                    {
                        best = (string.Create(CultureInfo.InvariantCulture, $"{part} #{i}"), raw);
                    }
                    i++;
                }
            }
            return best;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
