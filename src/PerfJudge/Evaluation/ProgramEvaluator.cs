using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Metrics;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Runners.Native;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Evaluation;

/// <summary>Whole-program tasks: compiles each distinct (language, source, options) once — the caching runner
/// replays compiles from the store, so a second run compiles nothing —, then judges each distinct program
/// on all of its task's tests in one request (the binary is reused for every test), and the task's first
/// reference too, for speedups. One row per sample, with its IOI score and subtask points.</summary>
public sealed class ProgramEvaluator
{
    private readonly IRunner _runner;
    private readonly EfficiencyOptions? _levels;

    /// <summary>Creates the plan over <paramref name="runner"/>; with <paramref name="levels"/> (seed, alpha, rounds, meter),
    /// tasks with levels are also measured for efficiency (<see cref="ProgramLevelsPlan"/>).</summary>
    public ProgramEvaluator(IRunner runner, EfficiencyOptions? levels = null)
    {
        _runner = runner;
        _levels = levels;
    }

    /// <summary>Limits of one test of <paramref name="task"/> in <paramref name="language"/>: the task's time limit
    /// times the language's factor as CPU limit, twice that plus a second as wall limit, the task's memory,
    /// and 64 MiB of output (whole programs print their answers).</summary>
    public static ExecutionLimits TestLimits(ProgramSpec task, string language, ExecutionLimits engine)
    {
        var cpu = task.TimeLimitSeconds * Languages.TimeFactor(language);
        return new ExecutionLimits(2 * cpu + 1, cpu, (long)task.MemoryMb << 20, Math.Max(engine.FileBytes, 64L << 20),
            Math.Max(engine.OutputBytes, 64L << 20), engine.Processes);
    }

    /// <summary>Judges every sample (all of program tasks), in sample order.</summary>
    public async Task<IReadOnlyList<ResultRow>> RunAsync(TaskSuite suite, IReadOnlyList<Sample> samples, ExecutionLimits limits, int rounds,
        IProgress<JobProgress>? progress, CancellationToken cancel)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _runner.Info.Parallelism, CancellationToken = cancel };
        var specs = samples.Select(s => { suite.TryGet(s.TaskId, out var t); return t.Program!; }).ToList();
        var baselines = samples.Select(s => s.TaskId).Distinct(StringComparer.Ordinal)
            .Select(id => { suite.TryGet(id, out var t); return (id, spec: t.Program!); })
            .Where(x => x.spec.References.Count > 0).ToDictionary(x => x.id, x => x.spec.References[0], StringComparer.Ordinal);
        var leveled = _levels is null ? [] : samples.Select(s => s.TaskId).Distinct(StringComparer.Ordinal)
            .Select(id => { suite.TryGet(id, out var t); return (Id: id, Spec: t.Program!); }).Where(x => x.Spec.Levels is not null).ToList();
        // 1. Compile: samples, the baselines, every reference of tasks with levels, the checker programs; each distinct source once.
        var sources = samples.Select((s, i) => Compile(s.Language, s.Program, specs[i]))
            .Concat(baselines.Select(b => { suite.TryGet(b.Key, out var t); return Compile(b.Value.Language, b.Value.Code, t.Program!); }))
            .Concat(leveled.SelectMany(x => x.Spec.Levels!.References.Select(r => Compile(x.Spec.References[r].Language, x.Spec.References[r].Code, x.Spec))))
            .Concat(specs.Where(p => p.CheckerProgram is not null).Select(p => Compile(p.CheckerProgram!.Language, p.CheckerProgram.Code, p)))
            .Distinct().ToList();
        var compiled = new Dictionary<CompileRequest, CompileReply>();
        await Parallel.ForEachAsync(sources, parallel, async (request, token) =>
        {
            var reply = await _runner.RunAsync(request, token);
            lock (compiled)
            {
                compiled[request] = reply;
            }
        });
        // 2. Judge: one request per distinct (program, task); baselines first so speedups have them.
        var judged = new Dictionary<ProgramRequest, ProgramReply>();
        ProgramRequest? Judge(string language, string code, ProgramSpec spec)
        {
            var program = compiled[Compile(language, code, spec)];
            if (program.Verdict != Verdict.Passed)
            {
                return null;
            }
            string? checkerLanguage = null, checkerArtifact = null;
            if (spec.CheckerProgram is { } c)
            {
                var checker = compiled[Compile(c.Language, c.Code, spec)];
                checkerLanguage = c.Language;
                checkerArtifact = checker.Verdict == Verdict.Passed ? checker.Artifact : "";
            }
            return new ProgramRequest(language, program.Artifact!, spec.Tests, spec.Checker, checkerLanguage, checkerArtifact,
                StopOnFailure: spec.Subtasks.Count == 0 && rounds == 1, rounds, TestLimits(spec, language, limits));
        }
        var plan = samples.Select((s, i) => Judge(s.Language, s.Program, specs[i])).ToList();
        var baseRequests = baselines.ToDictionary(b => b.Key, b => { suite.TryGet(b.Key, out var t); return Judge(b.Value.Language, b.Value.Code, t.Program!); },
            StringComparer.Ordinal);
        var distinct = baseRequests.Values.Concat(plan).OfType<ProgramRequest>().Distinct().ToList();
        var done = 0;
        var cached = 0;
        progress?.Report(new JobProgress(0, distinct.Count, 0, "programs"));
        await Parallel.ForEachAsync(distinct, parallel, async (request, token) =>
        {
            var reply = await _runner.RunAsync(request, token);
            lock (judged)
            {
                judged[request] = reply;
            }
            if (reply.FromStore)
            {
                Interlocked.Increment(ref cached);
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref done), distinct.Count, Volatile.Read(ref cached), "programs"));
        });
        var environment = RowEnvironment.Of(_runner.Info);
        var rows = samples.Select((s, i) =>
        {
            var spec = specs[i];
            var compile = compiled[Compile(s.Language, s.Program, spec)];
            if (plan[i] is not { } request)
            {
                return Rows.OfProgram(s, compile.Verdict, compile.Detail, 0, 0, compile.FromStore, environment,
                    Score(s.Language, spec, [], compile.FromStore ? 0 : compile.CompileSeconds, null));
            }
            var reply = judged[request];
            double? speedup = null;
            if (reply.Verdict == Verdict.Passed && baseRequests.GetValueOrDefault(s.TaskId) is { } b && judged[b] is { Verdict: Verdict.Passed } baseline
                && reply.CpuSeconds > 0)
            {
                speedup = baseline.CpuSeconds / reply.CpuSeconds;
            }
            return Rows.OfProgram(s, reply.Verdict, reply.Detail, reply.CpuSeconds, reply.MaxRssKb, reply.FromStore, environment,
                Score(s.Language, spec, reply.Tests, compile.FromStore ? 0 : compile.CompileSeconds, speedup),
                reply.PeakMemoryBytes, reply.PeakMemorySource);
        }).ToList();
        if (leveled.Count == 0)
        {
            return rows;
        }
        // 3. Efficiency of tasks with levels: references and the samples that passed the tests, one request per task.
        ProgramArtifact Artifact(string language, string code, ProgramSpec spec) =>
            new(language, compiled[Compile(language, code, spec)].Artifact!, TestLimits(spec, language, limits));
        var measured = 0;
        progress?.Report(new JobProgress(0, leveled.Count, 0, "tasks with levels"));
        await Parallel.ForEachAsync(leveled, parallel, async (task, token) =>
        {
            var spec = task.Spec;
            var indices = Enumerable.Range(0, samples.Count).Where(i => samples[i].TaskId == task.Id).ToList();
            var levelReferences = spec.Levels!.References.Select(n => (r: spec.References[n], n)).ToList();
            var broken = levelReferences.FirstOrDefault(x => compiled[Compile(x.r.Language, x.r.Code, spec)].Verdict != Verdict.Passed);
            var checkerBroken = spec.CheckerProgram is { } c && compiled[Compile(c.Language, c.Code, spec)].Verdict != Verdict.Passed;
            PerfReply? reply = null; // stays null when no sample passed the tests: the references are not measured
            var programs = indices.Where(i => rows[i].Passed).Select(i => Artifact(samples[i].Language, samples[i].Program, spec)).Distinct().ToList();
            if (programs.Count > 0 && (broken.r is not null || checkerBroken))
            {
                reply = new PerfReply(Verdict.SandboxError, checkerBroken ? "the checker program does not compile"
                    : $"reference {broken.n} ({broken.r!.Language}) does not compile", null);
            }
            else if (programs.Count > 0)
            {
                var references = levelReferences.Select(x => Artifact(x.r.Language, x.r.Code, spec)).ToList();
                var checker = spec.CheckerProgram is { } cp ? Artifact(cp.Language, cp.Code, spec) with { Limits = ProgramRequest.CheckerLimits } : null;
                reply = await _runner.RunAsync(ProgramLevelsPlan.Request(task.Id, spec, references, checker, programs, _levels!), token);
            }
            foreach (var i in indices)
            {
                rows[i] = rows[i].Passed && reply is not null
                    ? ProgramLevelsPlan.Score(rows[i], spec, reply, programs.IndexOf(Artifact(samples[i].Language, samples[i].Program, spec)))
                    : rows[i] with { Efficiency = ProgramLevelsPlan.Incorrect };
            }
            progress?.Report(new JobProgress(Interlocked.Increment(ref measured), leveled.Count, 0, "tasks with levels"));
        });
        return rows;
    }

    private static CompileRequest Compile(string language, string code, ProgramSpec spec) =>
        new(language, code, spec.CompileOptions.GetValueOrDefault(language) ?? [], Toolchain.Identity(language), Toolchain.CompileLimits);

    private static RowProgram Score(string language, ProgramSpec spec, IReadOnlyList<ProgramTestResult?> tests, double compileSeconds, double? speedup)
    {
        var points = spec.Tests.Select((_, i) => i < tests.Count && tests[i] is { } t ? t.Points : 0).ToList();
        var subtasks = spec.Subtasks.Select(s => (s.Points, s.Tests)).ToList();
        return new RowProgram(language, tests.Count(t => t?.Verdict == Verdict.Passed), spec.Tests.Count,
            IoiScore.Total(subtasks, points), spec.MaxScore, IoiScore.Subtasks(subtasks, points), compileSeconds, speedup);
    }
}
