using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Statistics;

namespace PerfJudge.Measurement;

/// <summary>Measures programs on one input, repeating (each repetition in a fresh sandboxed
/// process, programs alternating A B A B so drift cancels in ratios) until the median's 95%
/// interval is within a relative half-width target or a cap is reached.</summary>
public sealed class ProgramMeasurer
{
    private readonly IRunner _runner;

    /// <summary>Creates a measurer on a runner.</summary>
    public ProgramMeasurer(IRunner runner) => _runner = runner;

    /// <summary>Outcome: per program the summary and raw costs; for two programs also the summary
    /// of the paired ratios (second / first); an error when a program failed.</summary>
    public sealed record Outcome(IReadOnlyList<RobustSummary> Summaries, IReadOnlyList<IReadOnlyList<double>> Costs,
        RobustSummary? Ratio, string? Error, long MaxRssKb, IReadOnlyList<string?> Outputs);

    /// <summary>Measures; <paramref name="args"/> is a JSON array of the call's arguments.</summary>
    public async Task<Outcome> MeasureAsync(IReadOnlyList<string> programs, string entryPoint, JsonArray args, string meter,
        ExecutionLimits limits, double target, int minRounds, int maxRounds, CancellationToken cancel)
    {
        var costs = programs.Select(_ => new List<double>()).ToList();
        long rss = 0;
        IReadOnlyList<string?> outputs = programs.Select(_ => (string?)null).ToList();
        // callgrind counts are exact: the minimum is all it takes.
        var batch = meter == "callgrind" ? minRounds : Math.Max(3, minRounds);
        while (costs[0].Count < maxRounds)
        {
            var rounds = Math.Min(batch, maxRounds - costs[0].Count);
            var reply = await _runner.RunAsync(new MeasureRequest(programs, entryPoint, args.ToJsonString(), rounds, meter, limits), cancel);
            if (reply.Verdict != Verdict.Passed)
            {
                return new Outcome([], costs, null, $"{reply.Verdict.Name()}: {reply.Detail}", rss, outputs);
            }
            for (var p = 0; p < programs.Count; p++)
            {
                costs[p].AddRange(reply.Times[p]);
            }
            rss = Math.Max(rss, reply.MaxRssKb);
            outputs = reply.Outputs;
            var (summaries, ratio) = Summarize(costs);
            var precise = summaries.All(s => s.RelativeHalfWidth <= target) || ratio?.RelativeHalfWidth <= target;
            if (costs[0].Count >= minRounds && precise)
            {
                return new Outcome(summaries, costs, ratio, null, rss, outputs);
            }
            batch = 5;
            await _runner.RecycleAsync(cancel);
        }
        var (final, finalRatio) = Summarize(costs);
        return new Outcome(final, costs, finalRatio, null, rss, outputs);
    }

    private static (IReadOnlyList<RobustSummary>, RobustSummary?) Summarize(List<List<double>> costs)
    {
        var summaries = costs.Select(c => RobustSummary.Of(c)).ToList();
        RobustSummary? ratio = null;
        if (costs.Count == 2)
        {
            ratio = RobustSummary.Of(costs[0].Zip(costs[1], (a, b) => b / a).ToList());
        }
        return (summaries, ratio);
    }
}
