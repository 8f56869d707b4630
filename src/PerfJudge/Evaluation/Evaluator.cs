using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Correctness: plans one test request per distinct (task, program), runs them on the runner
/// (finished ones are replayed by its caching decorator), and makes one row per sample.</summary>
public sealed class Evaluator
{
    private readonly IRunner _runner;

    /// <summary>Creates an evaluator.</summary>
    public Evaluator(IRunner runner) => _runner = runner;

    /// <summary>Judges every sample, in sample order; identical requests run once.</summary>
    public async Task<IReadOnlyList<ResultRow>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples, ExecutionLimits limits,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var requests = new TestRequest[samples.Count];
        var distinct = new Dictionary<TestRequest, int>();
        var counts = new List<int>(); // samples sharing each distinct request, for progress
        for (var i = 0; i < samples.Count; i++)
        {
            suite.TryGet(samples[i].TaskId, out var task);
            requests[i] = new TestRequest(samples[i].Program, task.EntryPoint, task.Test, task.Prompt, limits);
            if (distinct.TryAdd(requests[i], distinct.Count))
            {
                counts.Add(0);
            }
            counts[distinct[requests[i]]]++;
        }
        var replies = new TestReply[distinct.Count];
        var done = 0;
        var cached = 0;
        progress?.Report(new JobProgress(0, samples.Count, 0, "samples"));
        var options = new ParallelOptions { MaxDegreeOfParallelism = _runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(distinct, options, async (item, token) =>
        {
            var reply = await _runner.RunAsync(item.Key, token);
            replies[item.Value] = reply;
            var n = counts[item.Value];
            if (reply.FromStore)
            {
                Interlocked.Add(ref cached, n);
            }
            progress?.Report(new JobProgress(Interlocked.Add(ref done, n), samples.Count, Volatile.Read(ref cached), "samples"));
        });
        var environment = RowEnvironment.Of(_runner.Info);
        return samples.Select((s, i) =>
        {
            var r = replies[distinct[requests[i]]];
            return Rows.Of(s, r.Verdict, r.Detail, r.CpuSeconds, r.MaxRssKb, r.FromStore, null, environment, r.PeakMemoryBytes, r.Controls);
        }).ToList();
    }
}
