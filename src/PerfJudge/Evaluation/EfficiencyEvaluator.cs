using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PerfJudge.Judging;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Sandbox;
using PerfJudge.Storage;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Judges samples of efficiency tasks. The unit of work is a whole task: its references
/// and all its samples are measured by one worker in one request, so relative scores hold.</summary>
public sealed class EfficiencyEvaluator
{
    private readonly WorkerPool _pool;
    private readonly StoredWork _work;

    /// <summary>Creates an evaluator.</summary>
    public EfficiencyEvaluator(WorkerPool pool, IResultStore store, string interpreterVersion)
    {
        _pool = pool;
        _work = new StoredWork(pool, store, interpreterVersion);
    }

    /// <summary>Judges every sample of a scored efficiency task; samples of other tasks are not returned.</summary>
    public async Task<IReadOnlyList<SampleResult>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples,
        EfficiencyOptions options, IProgress<EvalProgress>? progress, CancellationToken cancel)
    {
        var groups = samples
            .Select(s => (Sample: s, Task: suite.TryGet(s.TaskId, out var t) ? t : null))
            .Where(x => x.Task?.Efficiency is { Scored: true })
            .GroupBy(x => x.Task!.TaskId, StringComparer.Ordinal)
            .Select(g => (Task: g.First().Task!, Samples: g.Select(x => x.Sample).ToList()))
            .ToList();
        var results = new ConcurrentBag<SampleResult>();
        var done = 0;
        var cached = 0;
        progress?.Report(new EvalProgress(0, groups.Count, 0));
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _pool.Size, CancellationToken = cancel };
        await Parallel.ForEachAsync(groups, parallel, async (group, token) =>
        {
            var (taskResults, fromStore) = await JudgeTaskAsync(group.Task, group.Samples, options, token);
            foreach (var r in taskResults)
            {
                results.Add(r);
            }
            if (fromStore)
            {
                Interlocked.Increment(ref cached);
            }
            progress?.Report(new EvalProgress(Interlocked.Increment(ref done), groups.Count, Volatile.Read(ref cached)));
        });
        var order = samples.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        return results.OrderBy(r => order[r.Sample]).ToList();
    }

    private async Task<(List<SampleResult> Results, bool FromStore)> JudgeTaskAsync(CodeTask task, List<Sample> samples,
        EfficiencyOptions options, CancellationToken cancel)
    {
        var spec = task.Efficiency!;
        var programs = samples.Select(s => s.Program).Distinct(StringComparer.Ordinal).ToList();
        var request = BuildRequest(task, spec, programs, options);
        var hard = (programs.Count + spec.References.Count) * options.Rounds * (options.Limits.WallSeconds * 2 + 5) + 60;
        var (reply, failure, fromStore) = await _work.RunAsync("perfjudge.task/1", request, hard, cancel);
        var results = new List<SampleResult>();
        if (reply is null || reply["verdict"]?.GetValue<string>() != "passed")
        {
            var detail = failure ?? reply?["detail"]?.GetValue<string>() ?? "task could not be measured";
            var error = new ExecutionResult(Verdict.SandboxError, detail, _pool.Level.Name(), 0, 0, 0);
            results.AddRange(samples.Select(s => new SampleResult(s, error, false)));
            return (results, false);
        }
        var measurement = TaskMeasurement.Parse(reply);
        foreach (var sample in samples)
        {
            var index = programs.IndexOf(sample.Program);
            var program = measurement.Samples[index];
            var score = EfficiencyScorer.Score(spec, measurement, index);
            var execution = new ExecutionResult(program.Verdict, program.Detail, _pool.Level.Name(), program.CpuSeconds,
                program.MaxRssKb, 0);
            results.Add(new SampleResult(sample, execution, fromStore, score));
        }
        return (results, fromStore);
    }

    private static JsonObject BuildRequest(CodeTask task, EfficiencySpec spec, List<string> programs, EfficiencyOptions options) => new()
    {
        ["kind"] = "perf",
        ["task_id"] = task.TaskId,
        ["prompt"] = task.Prompt,
        ["entry_point"] = task.EntryPoint,
        ["generator"] = spec.Generator,
        ["levels"] = new JsonArray(spec.Levels.Select(LevelJson).ToArray()),
        ["seed"] = options.Seed,
        ["checker"] = spec.Checker,
        ["references"] = new JsonArray(spec.References.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
        ["samples"] = new JsonArray(programs.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()),
        ["limits"] = PythonWorker.LimitsJson(options.Limits),
        ["alpha"] = options.Alpha,
        ["limit_references"] = spec.LimitReferences,
        ["rounds"] = options.Rounds,
        ["meter"] = options.Meter,
    };

    private static JsonNode LevelJson(EfficiencyLevel level)
    {
        var json = new JsonObject { ["size"] = level.Size, ["count"] = level.Count };
        if (level.Inputs is not null)
        {
            json["inputs"] = new JsonArray(level.Inputs.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
        }
        return json;
    }
}
