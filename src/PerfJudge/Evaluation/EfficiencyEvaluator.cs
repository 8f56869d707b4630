using System.Collections.Concurrent;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Judges samples of efficiency tasks. The unit of work is a whole task: its references
/// and all its samples are measured in one request, so relative scores hold.</summary>
public sealed class EfficiencyEvaluator
{
    private readonly IRunner _runner;

    /// <summary>Creates an evaluator.</summary>
    public EfficiencyEvaluator(IRunner runner) => _runner = runner;

    /// <summary>Judges every sample of a scored efficiency task, in sample order; samples of other
    /// tasks are not returned.</summary>
    public async Task<IReadOnlyList<ResultRow>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples,
        EfficiencyOptions options, IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var groups = samples
            .Select((s, i) => (Sample: s, Index: i, Task: suite.TryGet(s.TaskId, out var t) ? t : null))
            .Where(x => x.Task?.Efficiency is { Scored: true })
            .GroupBy(x => x.Task!.TaskId, StringComparer.Ordinal)
            .Select(g => (Task: g.First().Task!, Samples: g.Select(x => (x.Sample, x.Index)).ToList()))
            .ToList();
        var total = groups.Sum(g => g.Samples.Count);
        var rows = new ConcurrentDictionary<int, ResultRow>();
        var done = 0;
        var cached = 0;
        progress?.Report(new JobProgress(0, total, 0, "samples"));
        var environment = RowEnvironment.Of(_runner.Info);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _runner.Info.Parallelism, CancellationToken = cancel };
        await Parallel.ForEachAsync(groups, parallel, async (group, token) =>
        {
            var reply = await _runner.RunAsync(Request(group.Task, group.Samples.Select(s => s.Sample).ToList(), options), token);
            var programs = group.Samples.Select(s => s.Sample.Program).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (sample, index) in group.Samples)
            {
                rows[index] = Row(group.Task.Efficiency!, reply, programs.IndexOf(sample.Program), sample, environment,
                    options.EffectiveProtocol);
            }
            if (reply.FromStore)
            {
                Interlocked.Add(ref cached, group.Samples.Count);
            }
            progress?.Report(new JobProgress(Interlocked.Add(ref done, group.Samples.Count), total, Volatile.Read(ref cached), "samples"));
        });
        return rows.OrderBy(r => r.Key).Select(r => r.Value).ToList();
    }

    /// <summary>The request that measures <paramref name="task"/> with the distinct programs of <paramref name="samples"/>.</summary>
    public static PerfRequest Request(CodeTask task, IReadOnlyList<Sample> samples, EfficiencyOptions options)
    {
        var spec = task.Efficiency!;
        var programs = samples.Select(s => s.Program).Distinct(StringComparer.Ordinal).ToList();
        return new PerfRequest(task.TaskId, task.Prompt, task.EntryPoint, spec.Generator, spec.Levels, options.Seed, spec.Checker,
            spec.References, programs, options.Limits, options.Alpha, spec.LimitReferences, options.Rounds, options.Meter,
            options.Protocol, options.ExtraRounds && options.Protocol is { ExtraRounds: true });
    }

    private static ResultRow Row(EfficiencySpec spec, PerfReply reply, int program, Sample sample, RowEnvironment environment,
        EfficiencyProtocol protocol)
    {
        if (reply.Measurement is not { } measurement)
        {
            return Rows.Of(sample, Verdict.SandboxError, reply.Detail ?? "task could not be measured", 0, 0, false, null, environment);
        }
        var measured = measurement.Samples[program];
        var efficiency = EfficiencyScorer.Score(spec, measurement, program, protocol.ClipAboveOne, protocol.Tolerance);
        if (protocol.CallOnly)
        {
            // How the costs were read (docs/measurement.md, "Split window"), so a reader sees which tasks fell back to
            // the round trip, which were batched and which samples paid for hidden work.
            efficiency = efficiency with
            {
                Window = measurement.Window,
                BatchedCases = measurement.BatchedCases,
                HiddenChargedSeconds = measured.HiddenChargedSeconds,
                Rounds = measured.Rounds,
            };
        }
        return Rows.Of(sample, measured.Verdict, measured.Detail, measured.CpuSeconds, measured.MaxRssKb, reply.FromStore,
            efficiency, environment);
    }
}
