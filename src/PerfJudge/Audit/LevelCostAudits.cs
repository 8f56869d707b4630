using System.Globalization;
using MathNet.Numerics.Statistics;
using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>The efficiency-discrimination check on suites whose inputs come from generators (ENAMEL): each scored
/// task's references and given correct samples measured as <c>eval</c> measures them (the suite's protocol,
/// one round per request) in <c>rounds</c> separate requests without the store, then per level: the first
/// reference's cost per case beside an empty call's, the CoV of its level cost over rounds, the cost clusters
/// among the programs and the 99th percentile of their CoVs (EvalPerf's criteria).</summary>
public static class LevelCostAudits
{
    /// <summary>Measures every scored efficiency task; other tasks are absent from the result.</summary>
    public static async Task<Dictionary<string, CostAudit>> MeasureAsync(IRunner fresh, IRunner runner, TaskSuite suite, IReadOnlyList<CodeTask> tasks,
        IReadOnlyList<Sample> passing, int rounds, ExecutionLimits limits, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var result = new Dictionary<string, CostAudit>(StringComparer.Ordinal);
        var measured = tasks.Where(t => t.Efficiency is { Scored: true }).ToList();
        if (rounds == 0 || measured.Count == 0)
        {
            return result;
        }
        var options = new EfficiencyOptions(limits with { CpuSeconds = Math.Max(60, limits.CpuSeconds) }, Rounds: 1, Meter: "cpu",
            Protocol: EfficiencyProtocol.DefaultFor(suite.Name));
        var done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(measured, parallel, async (task, token) =>
        {
            var samples = passing.Where(s => s.TaskId == task.TaskId).ToList();
            var replies = new List<TaskMeasurement>();
            string? failure = null;
            for (var r = 0; r < rounds && failure is null; r++)
            {
                var reply = await fresh.RunAsync(EfficiencyEvaluator.Request(task, samples, options), token);
                if (reply.Measurement is { } m)
                {
                    replies.Add(m);
                }
                else
                {
                    failure = $"{reply.Verdict.Name()}: {reply.Detail}";
                }
            }
            var empty = await runner.RunAsync(new MeasureRequest([$"def {task.EntryPoint}(*args, **kwargs):\n    return None\n"], task.EntryPoint, "[]",
                Math.Max(2, rounds), "cpu", limits with { WallSeconds = Math.Max(10, limits.WallSeconds), CpuSeconds = Math.Max(10, limits.CpuSeconds) }), token);
            var emptySeconds = empty.Verdict == Verdict.Passed && empty.Times.Count == 1 ? empty.Times[0].Median() : double.NaN;
            var audit = failure is not null ? new CostAudit("", 0, 0, 0, null, failure) : Summarize(replies, emptySeconds);
            lock (result)
            {
                result[task.TaskId] = audit;
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref done), measured.Count, 0, "level cost measurements"));
        });
        return result;
    }

    /// <summary>Per level figures from one measurement per round (pure); the top-level figures are the hardest level's.</summary>
    public static CostAudit Summarize(IReadOnlyList<TaskMeasurement> rounds, double emptySeconds)
    {
        if (rounds.Count == 0 || double.IsNaN(emptySeconds))
        {
            return new CostAudit("", 0, 0, 0, null, rounds.Count == 0 ? "no round measured" : "the empty call could not be measured");
        }
        var caseLevels = rounds[0].CaseLevels;
        var levels = new List<LevelCost>();
        foreach (var level in caseLevels.Distinct().Order())
        {
            var cases = Enumerable.Range(0, caseLevels.Count).Where(i => caseLevels[i] == level).ToList();
            // Per program (references, then samples): its total cost on the level in each round, when it ran every case.
            var programs = Enumerable.Range(0, rounds[0].References.Count + rounds[0].Samples.Count)
                .Select(p => rounds.Select(m => Total(p < m.References.Count ? m.References[p] : m.Samples[p - m.References.Count], cases)).ToList())
                .Where(costs => costs.All(c => c is not null)).Select(costs => costs.Select(c => c!.Value).ToList()).ToList();
            if (programs.Count == 0 || rounds.Any(m => m.References[0].Times.Count != caseLevels.Count) || Total(rounds[0].References[0], cases) is null)
            {
                continue; // the first reference did not run the level (ENAMEL stops a program at its first exceeded level)
            }
            var covs = programs.Select(CostAudits.Cov).ToList();
            var medians = programs.Select(c => c.Median()).ToList();
            int? clusters = programs.Count < 2 ? null : CostAudits.Clusters(medians, Math.Max(CostAudits.ClusterGap, 2 * covs.Max()));
            levels.Add(new LevelCost(level, cases.Count, medians[0] / cases.Count, covs[0], clusters, Percentile99(covs)));
        }
        if (levels.Count == 0)
        {
            return new CostAudit("", 0, 0, 0, null, "the first reference ran no level completely");
        }
        var hardest = levels[^1];
        return new CostAudit(string.Create(CultureInfo.InvariantCulture, $"level {hardest.Level} (generated, {hardest.Cases} cases)"),
            hardest.ReferenceSeconds, emptySeconds, hardest.Cov, hardest.Clusters, null, levels);
    }

    private static double? Total(ProgramMeasurement program, List<int> cases) =>
        cases.All(i => i < program.Times.Count && program.Times[i] is not null) ? cases.Sum(i => program.Times[i]!.Value) : null;

    /// <summary>Nearest-rank 99th percentile (the largest value below 100 programs).</summary>
    private static double Percentile99(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(0.99 * sorted.Count) - 1)];
    }
}
