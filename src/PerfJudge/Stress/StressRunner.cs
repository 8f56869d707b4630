using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Runners;
using PerfJudge.Sandbox;
using PerfJudge.Storage;

namespace PerfJudge.Stress;

/// <summary>Runs the stress search of each task on the worker pool: one request per task, so a
/// task whose generator raises or hangs is reported and the others go on. A finished search is
/// kept in the store under its request (task, options, seed), harness, interpreter, isolation and
/// machine: the same command on the same machine then replays its decisions instead of measuring
/// again, so it writes the same bytes (docs/stress.md).</summary>
public sealed class StressRunner
{
    private readonly WorkerPool _pool;
    private readonly IResultStore _store;
    private readonly string _interpreterVersion;

    /// <summary>Creates a runner; <paramref name="store"/> keeps finished searches (NullResultStore: none).</summary>
    public StressRunner(WorkerPool pool, IResultStore store, string interpreterVersion)
    {
        _pool = pool;
        _store = store;
        _interpreterVersion = interpreterVersion;
    }

    /// <summary>Searches every target; outcomes are returned in target order, and reported to
    /// <paramref name="progress"/> as each task finishes.</summary>
    public async Task<IReadOnlyList<StressOutcome>> RunAsync(IReadOnlyList<StressTarget> targets, StressOptions options,
        Action<StressOutcome>? progress, CancellationToken cancel)
    {
        var outcomes = new ConcurrentDictionary<int, StressOutcome>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _pool.Size, CancellationToken = cancel };
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
        var key = Key(request);
        if (_store.GetDocument(key) is { } kept)
        {
            return StressOutcome.Parse(taskId, JsonNode.Parse(kept)!) with { FromStore = true };
        }
        // A safety net only: every step inside the worker has its own limit.
        var perInput = options.Limits.WallSeconds + options.GeneratorTimeout + 1;
        var inputs = 2 * (options.BisectSteps + 40) + options.Candidates + 200; // + up to ~200 fuzz recipes
        var hard = 120 + inputs * perInput * options.Rounds * target.References.Count;
        var reply = await _pool.RunJsonAsync(request, hard, cancel);
        if (reply.Result is null)
        {
            return StressOutcome.Failed(taskId, reply.Failure?.Detail ?? "the worker did not answer");
        }
        var outcome = StressOutcome.Parse(taskId, reply.Result);
        if (outcome.Succeeded)
        {
            var stored = reply.Result.DeepClone().AsObject();
            stored.Remove("id");
            stored.Remove("wall_s");
            _store.PutDocument(key, stored.ToJsonString());
        }
        return outcome;
    }

    private string Key(JsonObject request)
    {
        var text = $"perfjudge.stress/1\n{HarnessFile.Version}\n{_interpreterVersion}\n{_pool.Level.Name()}\n{MachineFingerprint.Current}\n{request.ToJsonString()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
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
