using System.Collections.Concurrent;
using PerfJudge.Runners;

namespace PerfJudge.Stress;

/// <summary>Runs the stress search of each task on the worker pool: one request per task, so a
/// task whose generator raises or hangs is reported and the others go on. A finished search is
/// kept in the store under its request (task, options, seed), harness, interpreter, isolation and
/// machine: the same command on the same machine then replays its decisions instead of measuring
/// again, so it writes the same bytes (docs/stress.md).</summary>
public sealed class StressRunner
{
    private readonly IRunner _runner;

    /// <summary>Creates a stress runner; a caching runner keeps finished searches and replays them.</summary>
    public StressRunner(IRunner runner) => _runner = runner;

    /// <summary>Searches every target; outcomes are returned in target order, and reported to
    /// <paramref name="progress"/> as each task finishes.</summary>
    public async Task<IReadOnlyList<StressOutcome>> RunAsync(IReadOnlyList<StressTarget> targets, StressOptions options,
        Action<StressOutcome>? progress, CancellationToken cancel)
    {
        var outcomes = new ConcurrentDictionary<int, StressOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(Enumerable.Range(0, targets.Count), parallel, async (i, token) =>
        {
            var outcome = await RunOneAsync(targets[i], options, token);
            outcomes[i] = outcome;
            progress?.Invoke(outcome);
        });
        return Enumerable.Range(0, targets.Count).Select(i => outcomes[i]).ToList();
    }

    private async Task<StressOutcome> RunOneAsync(StressTarget target, StressOptions options, CancellationToken cancel)
    {
        var taskId = target.Task.TaskId;
        if (target.References.Count == 0)
        {
            return StressOutcome.Failed(taskId, "needs a reference: a canonical solution or the suite line's 'references'");
        }
        var reply = await _runner.RunAsync(Request(target, options), cancel);
        return reply.Document is null
            ? StressOutcome.Failed(taskId, reply.Detail ?? "the worker did not answer")
            : StressOutcome.Parse(taskId, reply.Document) with { FromStore = reply.FromStore };
    }

    /// <summary>The request that searches <paramref name="target"/>.</summary>
    public static StressRequest Request(StressTarget target, StressOptions options) => new(target.Task.TaskId, target.Task.Prompt,
        target.Task.Test, target.Task.EntryPoint, target.Generator, target.Checker, target.References, options.Limits, options.Meter,
        new StressSearch(options.Seed, options.Budget, options.Rounds, options.Candidates, options.Keep, options.MinScale,
            options.MaxScale, options.BisectSteps, options.MaxInputBytes, options.GeneratorTimeout, options.FuzzProbeScale,
            target.LevelCount), target.Samples ?? []);
}
