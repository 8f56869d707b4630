using PerfJudge.Judging;
using PerfJudge.Sandbox;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Plans the executions of a set of samples, takes finished ones from the store, runs
/// the rest on the worker pool, and stores each result as soon as it is decided.</summary>
public sealed class Evaluator
{
    private readonly WorkerPool _pool;
    private readonly IResultStore _store;
    private readonly string _interpreterVersion;

    /// <summary>Creates an evaluator.</summary>
    public Evaluator(WorkerPool pool, IResultStore store, string interpreterVersion)
    {
        _pool = pool;
        _store = store;
        _interpreterVersion = interpreterVersion;
    }

    /// <summary>Judges every sample; identical executions (same content key) run once.</summary>
    public async Task<IReadOnlyList<SampleResult>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples,
        ExecutionLimits limits, int jobs, IProgress<EvalProgress>? progress, CancellationToken cancel)
    {
        var isolation = _pool.Level.Name();
        var keys = new string[samples.Count];
        var requests = new Dictionary<string, ExecutionRequest>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Count; i++)
        {
            suite.TryGet(samples[i].TaskId, out var task);
            var request = new ExecutionRequest(samples[i].Program, task.EntryPoint, task.Test, task.Prompt, limits);
            keys[i] = ExecutionKey.Compute(request, _interpreterVersion, isolation);
            requests.TryAdd(keys[i], request);
        }
        var known = new Dictionary<string, ExecutionResult>(_store.Lookup(requests.Keys), StringComparer.Ordinal);
        var cachedCount = known.Count;
        var pending = requests.Where(r => !known.ContainsKey(r.Key)).ToList();
        var total = requests.Count;
        var done = cachedCount;
        progress?.Report(new EvalProgress(done, total, cachedCount));
        var fresh = new System.Collections.Concurrent.ConcurrentDictionary<string, ExecutionResult>(StringComparer.Ordinal);
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancel };
        await Parallel.ForEachAsync(pending, options, async (item, token) =>
        {
            var result = await _pool.RunAsync(item.Value, token);
            if (result.Verdict != Verdict.SandboxError)
            {
                _store.Put(item.Key, result);
            }
            fresh[item.Key] = result;
            progress?.Report(new EvalProgress(Interlocked.Increment(ref done), total, cachedCount));
        });
        var results = new SampleResult[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            results[i] = fresh.TryGetValue(keys[i], out var r)
                ? new SampleResult(samples[i], r, Cached: false)
                : new SampleResult(samples[i], known[keys[i]], Cached: true);
        }
        return results;
    }
}
