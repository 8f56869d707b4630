using PerfJudge.Evaluation;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Results;
using PerfJudge.Runners;
using PerfJudge.Samples;
using PerfJudge.Tasks;

namespace PerfJudge.Server;

/// <summary>Judges single candidates for the HTTP front end with the engine's own plans (the
/// correctness and efficiency evaluators) on one long-lived engine, so verdicts, costs and the
/// store are the CLI's.</summary>
public sealed class JudgeService : IAsyncDisposable
{
    private readonly Engine _engine;
    private readonly Dictionary<string, (string Suite, CodeTask Task)> _tasks;
    private readonly double _weight;
    private readonly string _meter;

    private JudgeService(Engine engine, Dictionary<string, (string, CodeTask)> tasks, double weight, string meter)
    {
        _engine = engine;
        _tasks = tasks;
        _weight = weight;
        _meter = meter;
    }

    /// <summary>The runner candidates run on.</summary>
    public RunnerInfo Runner => _engine.Runner.Info;

    /// <summary>The engine's runner (for <c>/run_code</c>).</summary>
    public IRunner Backend => _engine.Runner;

    /// <summary>Loaded tasks by id, with their suite's name.</summary>
    public IReadOnlyDictionary<string, (string Suite, CodeTask Task)> Tasks => _tasks;

    /// <summary>Loads the suites and starts the engine, or returns null with the problems in <paramref name="diagnostics"/>.</summary>
    public static async Task<JudgeService?> StartAsync(ServerConfig config, IEngineFactory engines, SuiteResolver suites,
        ICollection<Diagnostic> diagnostics, CancellationToken cancel)
    {
        var tasks = new Dictionary<string, (string, CodeTask)>(StringComparer.Ordinal);
        foreach (var name in config.Suites)
        {
            var suite = await JobFailure.ResolveSuiteAsync(suites, name, diagnostics, cancel, field: "suites");
            foreach (var task in suite?.Tasks ?? [])
            {
                tasks.TryAdd(task.TaskId, (suite!.Name, task));
            }
        }
        var meter = MeterChoice.Resolve("auto", diagnostics);
        if (diagnostics.Any(d => d.IsError) || meter is null)
        {
            return null;
        }
        var engine = engines.Start(new EngineOptions(config.Isolation, null, config.Workers, config.Store), diagnostics);
        return engine is null ? null : new JudgeService(engine, tasks, config.EfficiencyWeight, meter);
    }

    /// <summary>Checks a request before it is queued: a problem is a client error (400, or 404 for an unknown task).</summary>
    public (int Status, string Message)? Check(JudgeInput input)
    {
        var language = Languages.Normalize(input.Language);
        if (language is null)
        {
            return (400, $"language '{input.Language}' is not judged here; /v1/judge takes {string.Join(", ", Languages.All)}");
        }
        if (string.IsNullOrEmpty(input.Code))
        {
            return (400, "field 'code' is required");
        }
        if (input.CodeKind is not ("solution" or "completion"))
        {
            return (400, "field 'code_kind' must be 'solution' or 'completion'");
        }
        if ((input.TaskId is null ? 0 : 1) + (input.Tests is null ? 0 : 1) + (input.ProgramTests is null ? 0 : 1) != 1)
        {
            return (400, "give one of 'task_id' (a loaded task), 'tests' with 'entry_point' (inline tests) or 'program_tests' (inline program tests)");
        }
        if (input.ProgramTests is { } programTests && (programTests.Count is 0 or > 1000 || programTests.Any(t => t is null || t.Input is null || t.Output is null)))
        {
            return (400, "'program_tests' must hold 1 to 1000 tests, each with 'input' and 'output'");
        }
        if (!ProgramTaskLoader.IsBuiltin(input.Checker))
        {
            return (400, $"checker '{input.Checker}' is not exact, tokens, float:EPS or lines-unordered");
        }
        if (input.Tests is not null && string.IsNullOrWhiteSpace(input.EntryPoint))
        {
            return (400, "inline 'tests' need 'entry_point'");
        }
        if (input.TaskId is not null && !_tasks.ContainsKey(input.TaskId))
        {
            return (404, $"unknown task_id '{input.TaskId}' (GET /v1/tasks lists the loaded tasks)");
        }
        var program = input.ProgramTests is not null || (input.TaskId is not null && _tasks[input.TaskId].Task.Program is not null);
        if (!program && language != "python")
        {
            return (400, $"language '{input.Language}': {(input.TaskId is null ? "inline tests" : $"task '{input.TaskId}'")} take Python functions; cpp and csharp are for program tasks");
        }
        if (input.Options.Meter is not ("auto" or "cpu" or "wall") && !(input.Options.Meter == "instructions" && _meter == "instructions"))
        {
            return (400, $"options: meter '{input.Options.Meter}' is not available here (auto, cpu, wall{(_meter == "instructions" ? ", instructions" : "")})");
        }
        var problems = Limits(input.Options).Validate().ToList();
        if (input.Options.Rounds is < 1 or > 20)
        {
            problems.Add("rounds must be between 1 and 20");
        }
        if (problems.Count > 0)
        {
            return (400, "options: " + string.Join("; ", problems));
        }
        return null;
    }

    /// <summary>Judges one checked request.</summary>
    public async Task<JudgeOutput> JudgeAsync(JudgeInput input, CancellationToken cancel)
    {
        var task = input.TaskId is { } id ? _tasks[id].Task
            : input.ProgramTests is { } tests ? InlineProgram(tests, input)
            : new CodeTask("inline", input.Prompt ?? "", "", input.Tests!, input.EntryPoint!);
        // Code in Markdown fences is taken out of them, as the CLI does for samples files.
        var code = CodeExtractor.Extract(input.Code!);
        // A program task's statement is not code: there a completion is the whole program, as in samples files.
        var program = input.CodeKind == "completion" && task.Program is null ? CodeTask.JoinProgram(task.Prompt, code) : code;
        var sample = new Sample("api", task.TaskId, 0, program, 0, new Dictionary<string, double>());
        var suite = new TaskSuite("api", "api", [task]);
        var limits = Limits(input.Options);
        ResultRow row;
        string? meter = null;
        if (task.Program is not null)
        {
            // The CLI's plan for program tasks: compile once (cached by content), all tests in one request,
            // the task's own time and memory limits per test.
            sample = sample with { Language = Languages.Normalize(input.Language)! };
            row = (await new ProgramEvaluator(_engine.Runner).RunAsync(suite, [sample], limits, input.Options.Rounds, null, cancel))[0];
        }
        else if (task.Efficiency is { Scored: true })
        {
            meter = input.Options.Meter == "auto" ? _meter : input.Options.Meter;
            var options = new EfficiencyOptions(limits with { CpuSeconds = Math.Max(60, limits.CpuSeconds) }, input.Options.Rounds, 2.0, 0, meter);
            row = (await new EfficiencyEvaluator(_engine.Runner).RunAsync(suite, [sample], options, null, cancel))[0];
        }
        else
        {
            row = (await new Evaluator(_engine.Runner).RunAsync(suite, [sample], limits, null, cancel))[0];
        }
        var efficiency = row.Efficiency is { } e ? new EfficiencyOutput(e.Efficiency, e.Speedup, e.Dps, e.DpsNorm, e.Cost, meter!) : null;
        var reward = !row.Passed ? 0 : efficiency is null ? 1 : (1 - _weight) + _weight * efficiency.Efficiency;
        var programOutput = row.Program is { } p ? new ProgramOutput(p.Language, p.TestsPassed, p.Tests, p.Score, p.MaxScore, p.Speedup) : null;
        return new JudgeOutput(task.TaskId, row.Verdict, row.Detail, reward, row.CpuSeconds, row.MaxRssKb, efficiency, row.Cached,
            row.Isolation, row.Runtime, programOutput);
    }

    /// <summary>A program task of inline tests: per test the time limit <c>timeout_seconds</c> (times the language's factor,
    /// as a suite's <c>time_limit_s</c>) and <c>memory_mb</c>; no references, so no speedup.</summary>
    private static CodeTask InlineProgram(IReadOnlyList<ProgramTest> tests, JudgeInput input) =>
        new("inline", "", "", "", "main", null, new ProgramSpec("", input.Options.TimeoutSeconds, input.Options.MemoryMb, tests, input.Checker, null,
            [], [], new Dictionary<string, IReadOnlyList<string>>()));

    private static ExecutionLimits Limits(JudgeInputOptions options) =>
        ExecutionLimits.WithTimeout(options.TimeoutSeconds) with { MemoryBytes = (long)options.MemoryMb << 20 };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
