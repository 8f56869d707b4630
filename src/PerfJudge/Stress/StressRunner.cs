using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Runners;
using PerfJudge.Storage;

namespace PerfJudge.Stress;

/// <summary>Runs the stress search of each task on the worker pool: one request per task, so a
/// task whose generator raises or hangs is reported and the others go on. A finished search is
/// kept in the store under its request (task, options, seed), harness, interpreter, isolation and
/// machine: the same command on the same machine then replays its decisions instead of measuring
/// again, so it writes the same bytes (docs/stress.md).</summary>
public sealed class StressRunner
{
    private readonly StoredWork _work;

    /// <summary>Creates a runner; <paramref name="store"/> keeps finished searches (NullResultStore: none).</summary>
    public StressRunner(WorkerPool pool, IResultStore store, string interpreterVersion) =>
        _work = new StoredWork(pool, store, interpreterVersion);

    /// <summary>Searches every target; outcomes are returned in target order, and reported to
    /// <paramref name="progress"/> as each task finishes.</summary>
    public async Task<IReadOnlyList<StressOutcome>> RunAsync(IReadOnlyList<StressTarget> targets, StressOptions options,
        Action<StressOutcome>? progress, CancellationToken cancel)
    {
        var outcomes = new ConcurrentDictionary<int, StressOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _work.Pool.Size, CancellationToken = cancel };
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
        if (target.References.Count < 2)
        {
            return StressOutcome.Failed(taskId, "needs at least two references (a fast and a slow one) in the suite line's 'references'");
        }
        var request = BuildRequest(target, options);
        // A safety net only: every step inside the worker has its own limit.
        var perInput = options.Limits.WallSeconds + options.GeneratorTimeout + 1;
        var inputs = 2 * (options.BisectSteps + 40) + options.Candidates + 200; // + up to ~200 fuzz recipes
        var hard = 120 + inputs * perInput * options.Rounds * target.References.Count;
        var reply = await _work.RunAsync("perfjudge.stress/1", request, hard, cancel);
        return reply.Result is null
            ? StressOutcome.Failed(taskId, reply.Failure ?? "the worker did not answer")
            : StressOutcome.Parse(taskId, reply.Result) with { FromStore = reply.FromStore };
    }

    private static JsonObject BuildRequest(StressTarget target, StressOptions options) => new()
    {
        ["kind"] = "stress",
        ["task_id"] = target.Task.TaskId,
        ["prompt"] = target.Task.Prompt,
        ["test"] = target.Task.Test,
        ["entry_point"] = target.Task.EntryPoint,
        ["generator"] = target.Generator,
        ["checker"] = target.Checker,
        ["references"] = new JsonArray(target.References.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
        ["limits"] = PythonWorker.LimitsJson(options.Limits),
        ["meter"] = options.Meter,
        ["stress"] = new JsonObject
        {
            ["seed"] = options.Seed,
            ["budget"] = options.Budget,
            ["rounds"] = options.Rounds,
            ["candidates"] = options.Candidates,
            ["keep"] = options.Keep,
            ["min_scale"] = options.MinScale,
            ["max_scale"] = options.MaxScale,
            ["bisect_steps"] = options.BisectSteps,
            ["max_input_bytes"] = options.MaxInputBytes,
            ["generator_timeout"] = options.GeneratorTimeout,
            ["fuzz_probe_scale"] = options.FuzzProbeScale,
            ["level_id"] = target.LevelCount,
        },
    };
}
