using System.CommandLine;
using System.Globalization;
using PerfJudge.Jobs;
using PerfJudge.Judging;
using PerfJudge.Reports;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The <c>eval</c> command: parses its options into <see cref="EvalOptions"/> and hands them to <see cref="EvalHandler"/>.</summary>
public static class EvalCommand
{
    /// <summary>Metric families accepted by <c>--metrics</c>.</summary>
    public static readonly string[] MetricFamilies = ["pass", "eff", "dps", "speedup", "speedups", "pie", "effibench"];

    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var suite = new Option<string>("--suite") { Description = "Built-in suite (demo, humaneval, humaneval+, mbpp+, enamel) or a suite file (HumanEval or EvalPlus .jsonl/.jsonl.gz, ENAMEL .csv)", DefaultValueFactory = _ => "demo" };
        var samples = new Option<string[]>("--samples") { Description = "Samples JSONL file(s), from one or many models; 'canonical' judges the suite's reference solutions. Default for the demo suite: its demo samples", AllowMultipleArgumentsPerToken = true };
        var humanEval = new Option<bool>("--humaneval-results") { Description = "Also write <samples>_results.jsonl next to each samples file, as human-eval's evaluate_functional_correctness does" };
        var keepFences = new Option<bool>("--keep-fences") { Description = "Judge completions as given, without stripping markdown code fences (as human-eval does)" };
        var k = new Option<string>("--k") { Description = "Comma-separated k for pass@k", DefaultValueFactory = _ => "1" };
        var memory = new Option<int>("--memory-mb") { Description = "Per-sample memory (address space) limit, MiB", DefaultValueFactory = _ => 1024 };
        var json = new Option<string?>("--json") { Description = "Write the results document (perfjudge.results/1) here" };
        var html = new Option<string?>("--html") { Description = "Also write the self-contained HTML report here (same as 'perfjudge report --format html')" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Evaluate the valid sample lines even when others are invalid" };
        var rounds = new Option<int?>("--rounds") { Description = "Efficiency suites: repetitions in fresh processes (median per case; Hodges-Lehmann under --protocol enamel); default: 6 under --protocol enamel (ENAMEL's count), then more, up to 18, while a task's rounds after the first take under 2 s per measured program; else 3. Given, exactly that many" };
        var alpha = new Option<double>("--alpha") { Description = "Efficiency suites: time limit = alpha x slowest reference", DefaultValueFactory = _ => 2.0 };
        var protocol = new Option<string?>("--protocol") { Description = "Efficiency suites: enamel (ENAMEL's evaluator: one time limit per task, Hodges-Lehmann over rounds, GC off, scores above 1 kept) or perfjudge; default: enamel on the ENAMEL suite, else perfjudge" };
        var seed = new Option<int>("--seed") { Description = "Efficiency suites: seed of the input generators", DefaultValueFactory = _ => 0 };
        var metrics = new Option<string>("--metrics") { Description = "Metric families in the table: pass,eff,dps,speedup (geometric mean),speedups (other means),pie,effibench (the JSON has all)", DefaultValueFactory = _ => "pass,eff,dps,speedup" };
        var shard = new Option<string?>("--shard") { Description = "Judge one shard of the tasks: I/N (0-based), env (Slurm array / Kubernetes Indexed Job), env/N" };
        var group = new Option<string?>("--group") { Description = "With --shard: name of the sharded run (default: derived from suite, samples and shard count)" };
        var generate = new Option<bool>("--generate") { Description = "First generate the samples from a model endpoint into --samples (options as in 'perfjudge generate'; an existing file is resumed)" };
        var generation = new GenerateOptionSet();
        var engine = new EngineOptionSet(timeout: 3.0);
        var command = new Command("eval", "Judge samples against a suite: verdicts and pass@k per model; eff@k, DPS and speedups on efficiency suites")
        {
            suite, samples, k, memory, json, html, humanEval, skipInvalid, keepFences, rounds, alpha, seed, protocol, metrics, shard, group, generate,
        };
        engine.AddTo(command);
        generation.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var problems = new List<Diagnostic>();
            var ks = ParseKs(parse.GetValue(k)!, problems);
            var families = parse.GetValue(metrics)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            problems.AddRange(families.Where(f => !MetricFamilies.Contains(f))
                .Select(f => Diagnostic.Usage("--metrics", $"unknown family '{f}' ({string.Join(", ", MetricFamilies)})")));
            var spec = parse.GetValue(shard) is { } text ? ShardSpec.Parse(text, Environment.GetEnvironmentVariable, problems) : null;
            var limits = ExecutionLimits.WithTimeout(parse.GetValue(engine.Timeout)) with { MemoryBytes = (long)parse.GetValue(memory) << 20 };
            var files = parse.GetValue(samples) ?? [];
            var options = new EvalOptions(parse.GetValue(suite)!, files.FirstOrDefault(), ks, limits, engine.Read(parse),
                parse.GetValue(skipInvalid), parse.GetValue(rounds), parse.GetValue(alpha), parse.GetValue(seed), parse.GetValue(engine.Meter)!,
                files.Skip(1).ToList(), parse.GetValue(keepFences), spec, parse.GetValue(group), parse.GetValue(humanEval), parse.GetValue(protocol));
            problems.AddRange(options.Validate());
            problems.AddRange(OutputPaths.Check([("--json", parse.GetValue(json)), ("--html", parse.GetValue(html)),
                .. (options.HumanEvalResults ? options.SamplesFiles : []).Select(f => ("--humaneval-results", (string?)PerfJudge.Jobs.HumanEvalResults.PathFor(f)))]));
            var generating = parse.GetValue(generate) ? generation.Read(parse, options.Suite, options.Samples, problems) : null;
            problems.AddRange(generating?.Validate().Select(p => p.Field == "--out" ? p with { Field = "--samples" } : p) ?? []);
            if (problems.Any(p => p.IsError))
            {
                DiagnosticWriter.Write(errors, problems, "perfjudge eval");
                return DiagnosticWriter.ExitCode(problems);
            }
            if (generating is not null && await new GenerateHandler(console, errors).RunAsync(generating, cancel) is var code and not ExitCodes.Done)
            {
                return code;
            }
            var output = new EvalOutput(parse.GetValue(json), parse.GetValue(html), families);
            return await new EvalHandler(console, errors).RunAsync(options, output, cancel);
        });
        return command;
    }

    private static List<int> ParseKs(string text, List<Diagnostic> problems)
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
                problems.Add(Diagnostic.Usage("--k", $"'{part}' is not a positive integer"));
            }
        }
        return ks.Distinct().Order().ToList();
    }
}
