using System.CommandLine;
using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Stress;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge stress --suite S [--task T] [--budget B] [--seed N] [--out DIR]</c>: finds
/// inputs on which a task's slow and fast references differ most, and writes them as a new level.</summary>
public static class StressCommand
{
    /// <summary>Meters accepted by <c>stress</c>.</summary>
    public static readonly string[] Meters = ["auto", "callgrind", "cpu", "wall", "instructions", "task-clock"];

    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var suite = new Option<string>("--suite") { Description = "Built-in suite (stress, demo, humaneval) or a HumanEval-format suite file; references: the line's 'references' [fast, ..., slow], else the canonical solution", DefaultValueFactory = _ => "stress" };
        var samples = new Option<string[]>("--samples") { Description = "Samples files: keep the inputs on which the costs of the correct samples spread most", AllowMultipleArgumentsPerToken = true };
        var task = new Option<string[]>("--task") { Description = "Only these task ids (repeatable or comma-separated)", AllowMultipleArgumentsPerToken = true };
        var budget = new Option<string?>("--budget") { Description = "Cost the costliest reference may reach on one input: seconds ('0.1', '0.1s', '100ms') for cpu/wall/task-clock, a count ('3e7') for callgrind/instructions. Default 3e7 (callgrind), 3e8 (instructions), 0.1 s" };
        var seed = new Option<int>("--seed") { Description = "Seed of generators and mutations (with the task id)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Folder for tasks.jsonl (the suite with the new level) and report.json (what was measured)", DefaultValueFactory = _ => "stress-out" };
        var rounds = new Option<int>("--rounds") { Description = "Repetitions per measured input, fresh process each (median)", DefaultValueFactory = _ => 3 };
        var candidates = new Option<int>("--candidates") { Description = "Candidate inputs at the chosen scale (fuzzing: costliest survivors)", DefaultValueFactory = _ => 6 };
        var keep = new Option<int>("--keep") { Description = "Inputs kept per task (largest cost ratio between references)", DefaultValueFactory = _ => 3 };
        var minScale = new Option<long>("--min-scale") { Description = "First scale of the search", DefaultValueFactory = _ => 8 };
        var maxScale = new Option<long>("--max-scale") { Description = "Largest scale tried", DefaultValueFactory = _ => 1L << 20 };
        var bisect = new Option<int>("--bisect-steps") { Description = "Geometric bisection steps after doubling (each makes the scale finer and a rerun likelier to land elsewhere: docs/stress.md)", DefaultValueFactory = _ => 0 };
        var maxBytes = new Option<long>("--max-input-bytes") { Description = "Largest input (length of its Python literal)", DefaultValueFactory = _ => 4L << 20 };
        var genTimeout = new Option<double>("--generator-timeout") { Description = "Seconds one generator call may take", DefaultValueFactory = _ => 10.0 };
        var probeScale = new Option<long>("--fuzz-probe-scale") { Description = "Tasks without a generator: mutation recipes of the test inputs are compared at this scale and 16x it", DefaultValueFactory = _ => 128 };
        var memory = new Option<int>("--memory-mb") { Description = "Memory limit of references and generators, MiB", DefaultValueFactory = _ => 1024 };
        var engine = new EngineOptionSet(timeout: 5.0, jobs: 1);
        var fresh = new Option<bool>("--fresh") { Description = "Measure again instead of replaying searches kept in the store (the new ones replace them)" };
        var command = new Command("stress", "Find inputs that make a task's reference costly, separate its fast and slow references, or spread the costs of given samples (scale search, cost-guided fuzzing) and write them as a new suite level")
        {
            suite, samples, task, budget, seed, output, rounds, candidates, keep, minScale, maxScale, bisect, maxBytes, genTimeout,
            probeScale, memory, fresh,
        };
        engine.AddTo(command);
        engine.Meter.AcceptOnlyFromAmong(Meters);
        command.SetAction(async (parse, cancel) =>
        {
            var timeout = parse.GetValue(engine.Timeout);
            var limits = ExecutionLimits.WithTimeout(timeout) with
            {
                CpuSeconds = Math.Max(10, 4 * timeout),
                MemoryBytes = (long)parse.GetValue(memory) << 20,
            };
            var search = new StressOptions(0, parse.GetValue(engine.Meter)!, parse.GetValue(seed), parse.GetValue(rounds),
                parse.GetValue(candidates), parse.GetValue(keep), parse.GetValue(minScale), parse.GetValue(maxScale),
                parse.GetValue(bisect), parse.GetValue(maxBytes), parse.GetValue(genTimeout), parse.GetValue(probeScale), limits);
            var budgetText = parse.GetValue(budget);
            var tasks = (parse.GetValue(task) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var options = new StressJobOptions(parse.GetValue(suite)!, tasks, budgetText is null ? null : ParseBudget(budgetText) ?? double.NaN,
                parse.GetValue(output)!, search, engine.Read(parse) with { Fresh = parse.GetValue(fresh) }, parse.GetValue(samples) ?? []);
            var problems = options.Validate().ToList();
            var meterChoice = parse.GetValue(engine.Meter);
            if (budgetText is not null && meterChoice is "callgrind" or "instructions" && budgetText.Trim().EndsWith('s'))
            {
                problems.Add(Diagnostic.Usage("--budget", $"'{budgetText}' is a time; the {meterChoice} meter counts instructions (e.g. '3e7')"));
            }
            if (budgetText is not null && ParseBudget(budgetText) is null)
            {
                problems.RemoveAll(p => p.Field == "--budget");
                problems.Add(Diagnostic.Usage("--budget", $"'{budgetText}' is not a positive number of seconds ('0.1', '0.1s', '100ms') or instructions ('3e8')"));
            }
            if (problems.Any(p => p.IsError))
            {
                DiagnosticWriter.Write(errors, problems, "perfjudge stress");
                return ExitCodes.Usage;
            }
            return await new StressHandler(console, errors).RunAsync(options, cancel);
        });
        return command;
    }

    /// <summary>A budget in the meter's unit: seconds (plain, <c>s</c> or <c>ms</c> suffix) or a count.</summary>
    public static double? ParseBudget(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var scale = 1.0;
        if (t.EndsWith("ms", StringComparison.Ordinal))
        {
            scale = 1e-3;
            t = t[..^2];
        }
        else if (t.EndsWith('s'))
        {
            t = t[..^1];
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v * scale : null;
    }
}
