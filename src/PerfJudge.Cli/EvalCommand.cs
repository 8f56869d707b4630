using System.CommandLine;
using System.Globalization;
using PerfJudge.Judging;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The <c>eval</c> command: judge samples against a suite and report pass@k.</summary>
public static class EvalCommand
{
    /// <summary>Isolation choices accepted by <c>--isolation</c>.</summary>
    public static readonly string[] IsolationChoices = ["auto", "strict", "bubblewrap", "namespaces", "rlimits"];

    /// <summary>Meters accepted by <c>--meter</c> (unavailable ones are refused with a reason).</summary>
    public static readonly string[] MeterChoices = ["auto", "cpu", "wall", "instructions", "task-clock", "callgrind", "peak-memory"];

    /// <summary>Metric families accepted by <c>--metrics</c>.</summary>
    public static readonly string[] MetricFamilies = ["pass", "eff", "dps", "speedup", "speedups", "pie", "effibench"];

    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var suite = new Option<string>("--suite") { Description = "Built-in suite (demo, humaneval, enamel) or a suite file (HumanEval .jsonl/.jsonl.gz, ENAMEL .csv)", DefaultValueFactory = _ => "demo" };
        var samples = new Option<string?>("--samples") { Description = "Samples JSONL; 'canonical' judges the suite's reference solutions. Default for the demo suite: its demo samples" };
        var k = new Option<string>("--k") { Description = "Comma-separated k for pass@k", DefaultValueFactory = _ => "1" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Parallel sandboxed workers", DefaultValueFactory = _ => Environment.ProcessorCount };
        var timeout = new Option<double>("--timeout") { Description = "Per-sample wall and CPU time limit, seconds", DefaultValueFactory = _ => 3.0 };
        var memory = new Option<int>("--memory-mb") { Description = "Per-sample memory (address space) limit, MiB", DefaultValueFactory = _ => 1024 };
        var json = new Option<string?>("--json") { Description = "Write the results document (perfjudge.results/1) here" };
        var html = new Option<string?>("--html") { Description = "Also write the self-contained HTML report here (same as 'perfjudge report --format html')" };
        var store = new Option<string>("--store") { Description = "Result store (SQLite)", DefaultValueFactory = _ => Path.Combine(".perfjudge", "results.db") };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the result store" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Evaluate the valid sample lines even when others are invalid" };
        var isolation = new Option<string>("--isolation") { Description = "auto (strongest available), strict (namespaces or better), or a level", DefaultValueFactory = _ => "auto" };
        isolation.AcceptOnlyFromAmong(IsolationChoices);
        var python = new Option<string?>("--python") { Description = "Python interpreter (default: $PERFJUDGE_PYTHON or python3)" };
        var rounds = new Option<int>("--rounds") { Description = "Efficiency suites: repetitions in fresh processes (median per case)", DefaultValueFactory = _ => 3 };
        var alpha = new Option<double>("--alpha") { Description = "Efficiency suites: time limit = alpha x slowest reference", DefaultValueFactory = _ => 2.0 };
        var seed = new Option<int>("--seed") { Description = "Efficiency suites: seed of the input generators", DefaultValueFactory = _ => 0 };
        var meter = new Option<string>("--meter") { Description = "Cost meter: auto (instructions where available, else cpu), cpu, wall, instructions, task-clock", DefaultValueFactory = _ => "auto" };
        meter.AcceptOnlyFromAmong(MeterChoices);
        var metrics = new Option<string>("--metrics") { Description = "Metric families in the table: pass,eff,dps,speedup (geometric mean),speedups (other means),pie,effibench (the JSON has all)", DefaultValueFactory = _ => "pass,eff,dps,speedup" };
        var command = new Command("eval", "Judge samples against a suite: verdicts and pass@k per model; eff@k, DPS and speedups on efficiency suites")
        {
            suite, samples, k, jobs, timeout, memory, json, html, store, noCache, skipInvalid, isolation, python,
            rounds, alpha, seed, meter, metrics,
        };
        command.SetAction(async (parse, cancel) =>
        {
            EvalSettings settings;
            try
            {
                var limits = ExecutionLimits.WithTimeout(parse.GetValue(timeout)) with { MemoryBytes = (long)parse.GetValue(memory) << 20 };
                var problems = limits.Validate().ToList();
                var ks = ParseKs(parse.GetValue(k)!, problems);
                var jobCount = parse.GetValue(jobs);
                if (jobCount < 1 || jobCount > 256) problems.Add("--jobs must be between 1 and 256");
                if (parse.GetValue(rounds) is < 1 or > 100) problems.Add("--rounds must be between 1 and 100");
                if (parse.GetValue(alpha) is not (>= 1 and <= 100)) problems.Add("--alpha must be between 1 and 100");
                var families = parse.GetValue(metrics)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                problems.AddRange(families.Where(f => !MetricFamilies.Contains(f)).Select(f => $"--metrics: unknown family '{f}' (pass, eff, dps, speedup, speedups, pie, effibench)"));
                if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
                settings = new EvalSettings(parse.GetValue(suite)!, parse.GetValue(samples), ks, jobCount, limits,
                    parse.GetValue(json), parse.GetValue(store)!, parse.GetValue(noCache), parse.GetValue(skipInvalid),
                    parse.GetValue(isolation)!, parse.GetValue(python), parse.GetValue(rounds), parse.GetValue(alpha),
                    parse.GetValue(seed), parse.GetValue(meter)!, families, parse.GetValue(html));
            }
            catch (UsageException ex)
            {
                await errors.WriteLineAsync("perfjudge eval: " + ex.Message);
                return ExitCodes.Usage;
            }
            return await new EvalHandler(console, errors).RunAsync(settings, cancel);
        });
        return command;
    }

    private static List<int> ParseKs(string text, List<string> problems)
    {
        var ks = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
            {
                ks.Add(value);
            }
            else
            {
                problems.Add($"--k: '{part}' is not a positive integer");
            }
        }
        if (ks.Count == 0 && problems.Count == 0) problems.Add("--k needs at least one value");
        return ks.Distinct().Order().ToList();
    }
}
