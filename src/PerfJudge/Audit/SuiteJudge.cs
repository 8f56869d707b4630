using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Audit;

/// <summary>Judges samples the way <c>eval</c> does for the suite's kind: EvalPlus suites by base and
/// plus inputs, test-code suites by their <c>check</c>, efficiency suites (ENAMEL) by their levels in one
/// round (a sample that exceeds a level's time limit fails there, as in ENAMEL).</summary>
public static class SuiteJudge
{
    /// <summary>True when the audit can judge the suite (whole-program suites are not supported yet).</summary>
    public static bool Supports(TaskSuite suite) => suite.Tasks.All(t => t.Program is null);

    /// <summary>Rows of <paramref name="samples"/>, in their order. With <paramref name="plusAfterBase"/> (mutants), a sample's
    /// EvalPlus plus inputs run only when its base inputs passed: same verdicts, less work.</summary>
    public static Task<IReadOnlyList<ResultRow>> JudgeAsync(IRunner runner, TaskSuite suite, IReadOnlyList<Sample> samples,
        ExecutionLimits limits, bool plusAfterBase, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        if (suite.Tasks.Any(t => t.EvalPlus is not null))
        {
            return new EvalPlusEvaluator(runner, plusAfterBase).RunAsync(suite, samples, limits, new List<Diagnostic>(), progress, cancel);
        }
        if (suite.Tasks.Any(t => t.Efficiency is not null))
        {
            var options = new EfficiencyOptions(limits with { CpuSeconds = Math.Max(60, limits.CpuSeconds) }, Rounds: 1, Meter: "cpu");
            return new EfficiencyEvaluator(runner).RunAsync(suite, samples, options, progress, cancel);
        }
        return new Evaluator(runner).RunAsync(suite, samples, limits, progress, cancel);
    }
}
