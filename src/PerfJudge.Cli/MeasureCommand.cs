using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfJudge.Evaluation;
using PerfJudge.Judging;
using PerfJudge.Measurement;
using PerfJudge.Reports;
using PerfJudge.Runners;
using PerfJudge.Sandbox;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge measure FILE.py --entry NAME --input JSON</c>: the cost of one program on one input.</summary>
public static class MeasureCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var file = new Argument<string>("file") { Description = "Python program defining the entry point" };
        var entry = new Option<string>("--entry") { Description = "Function to call", Required = true };
        var input = new Option<string>("--input") { Description = "JSON array of the call's arguments, e.g. '[[3,1,2]]'", Required = true };
        var meter = new Option<string>("--meter") { Description = "auto, cpu, wall, instructions, task-clock, callgrind or peak-memory", DefaultValueFactory = _ => "auto" };
        meter.AcceptOnlyFromAmong(EvalCommand.MeterChoices);
        var target = new Option<double>("--target") { Description = "Stop when the median's 95% CI half-width is this fraction of it", DefaultValueFactory = _ => 0.01 };
        var minRounds = new Option<int>("--min-rounds") { Description = "Fewest repetitions", DefaultValueFactory = _ => 5 };
        var maxRounds = new Option<int>("--max-rounds") { Description = "Most repetitions", DefaultValueFactory = _ => 50 };
        var timeout = new Option<double>("--timeout") { Description = "Per-repetition time limit, seconds", DefaultValueFactory = _ => 30.0 };
        var json = new Option<string?>("--json") { Description = "Write the measurement as JSON here" };
        var compare = new Option<string?>("--compare") { Description = "A second program to measure alternately with the first; reports the cost ratio (second / first)" };
        var isolation = new Option<string>("--isolation") { Description = "auto, strict, or a level", DefaultValueFactory = _ => "auto" };
        isolation.AcceptOnlyFromAmong(EvalCommand.IsolationChoices);
        var command = new Command("measure", "Measure one program's cost on one input: median, CI, repetitions, meter, environment")
        {
            file, entry, input, meter, target, minRounds, maxRounds, timeout, json, isolation, compare,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(file)!;
            JsonArray args;
            try
            {
                args = JsonNode.Parse(parse.GetValue(input)!) as JsonArray ?? throw new JsonException("not an array");
            }
            catch (JsonException ex)
            {
                await errors.WriteLineAsync($"perfjudge measure: --input must be a JSON array of arguments ({ex.Message})");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(minRounds) < 1 || parse.GetValue(maxRounds) < parse.GetValue(minRounds) || parse.GetValue(target) <= 0)
            {
                await errors.WriteLineAsync("perfjudge measure: need 1 <= --min-rounds <= --max-rounds and --target > 0");
                return ExitCodes.Usage;
            }
            var paths = new List<string> { path };
            if (parse.GetValue(compare) is { } other)
            {
                paths.Add(other);
            }
            foreach (var p in paths.Where(p => !File.Exists(p)))
            {
                await errors.WriteLineAsync($"perfjudge measure: {p}: file not found");
                return ExitCodes.InputOrEnvironment;
            }
            var meterName = MeterChoice.Resolve(parse.GetValue(meter)!, errors, singleProgram: true);
            var setup = meterName is null ? null : EngineSetup.Create(parse.GetValue(isolation)!, null, errors);
            if (setup is null)
            {
                return ExitCodes.InputOrEnvironment;
            }
            await using var pool = new WorkerPool(setup.Command, setup.Level, 1);
            var limits = ExecutionLimits.WithTimeout(parse.GetValue(timeout)) with { CpuSeconds = Math.Max(60, parse.GetValue(timeout)) };
            var sources = new List<string>();
            foreach (var p in paths)
            {
                sources.Add(await File.ReadAllTextAsync(p, cancel));
            }
            var outcome = meterName == "callgrind"
                ? await new CallgrindMeasurer(setup.Command, setup.Level).MeasureAsync(sources, parse.GetValue(entry)!, args,
                    parse.GetValue(minRounds), TimeSpan.FromSeconds(Math.Max(600, parse.GetValue(timeout))), cancel)
                : await new ProgramMeasurer(pool).MeasureAsync(sources, parse.GetValue(entry)!,
                    args, meterName!, limits, parse.GetValue(target), parse.GetValue(minRounds), parse.GetValue(maxRounds), cancel);
            var unit = Meters.Unit(meterName!);
            if (outcome.Error is not null)
            {
                await errors.WriteLineAsync($"perfjudge measure: the program did not run: {outcome.Error}");
                return ExitCodes.InputOrEnvironment;
            }
            string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
            var what = meterName switch
            {
                "cpu" => "on-CPU time of the candidate process, kernel CPU clock",
                "callgrind" => "instructions of the call under valgrind: Ir(load+call) - Ir(load)",
                "instructions" => "retired user-space instructions, hardware counter opened by the checker",
                "task-clock" => "perf task clock of the candidate, opened by the checker",
                "peak-memory" => "peak resident set size of the repetition's process (wait4)",
                _ => "wall clock",
            };
            console.WriteLine($"meter        {meterName} ({what}), isolation {setup.Level.Name()}");
            for (var p = 0; p < paths.Count; p++)
            {
                var s = outcome.Summaries[p];
                console.WriteLine($"program      {paths[p]} :: {parse.GetValue(entry)}   output {outcome.Outputs[p]}");
                console.WriteLine($"  median     {F(s.Median)} {unit}   95% CI [{F(s.Low)}, {F(s.High)}] (±{s.RelativeHalfWidth * 100:F2}%)");
                console.WriteLine($"  HL         {F(s.HodgesLehmann)} {unit}   MAD {F(s.Mad)} {unit}   outliers {s.Outliers.Count}   repetitions {s.Count}");
            }
            if (outcome.Ratio is { } ratio)
            {
                console.WriteLine($"ratio        {F(ratio.Median)} (second / first, median of paired ratios)   95% CI [{F(ratio.Low)}, {F(ratio.High)}] (±{ratio.RelativeHalfWidth * 100:F2}%)");
            }
            console.WriteLine($"repetitions  {outcome.Costs[0].Count} per program, fresh process each, target ±{parse.GetValue(target) * 100:F1}%");
            console.WriteLine($"peak memory  {outcome.MaxRssKb} KiB");
            console.WriteLine($"environment  {MachineFingerprint.Current}; python {setup.Python.Version}");
            var s0 = outcome.Summaries[0];
            var jsonPath = parse.GetValue(json);
            if (jsonPath is not null)
            {
                var doc = new JsonObject
                {
                    ["schema"] = "perfjudge.measurement/1",
                    ["program"] = path,
                    ["entry_point"] = parse.GetValue(entry),
                    ["meter"] = meterName,
                    ["unit"] = unit,
                    ["median_s"] = s0.Median,
                    ["ci95_s"] = new JsonArray(s0.Low, s0.High),
                    ["hodges_lehmann_s"] = s0.HodgesLehmann,
                    ["mad_s"] = s0.Mad,
                    ["repetitions"] = s0.Count,
                    ["outliers"] = new JsonArray(s0.Outliers.Select(i => (JsonNode)i).ToArray()),
                    ["costs_s"] = new JsonArray(outcome.Costs[0].Select(c => (JsonNode)c).ToArray()),
                    ["compare"] = outcome.Ratio is null ? null : new JsonObject
                    {
                        ["program"] = paths[1],
                        ["median_s"] = outcome.Summaries[1].Median,
                        ["costs_s"] = new JsonArray(outcome.Costs[1].Select(c => (JsonNode)c).ToArray()),
                        ["ratio"] = outcome.Ratio.Median,
                        ["ratio_ci95"] = new JsonArray(outcome.Ratio.Low, outcome.Ratio.High),
                    },
                    ["max_rss_kb"] = outcome.MaxRssKb,
                    ["environment"] = MachineFingerprint.Current,
                    ["python"] = setup.Python.Version,
                    ["isolation"] = setup.Level.Name(),
                };
                AtomicFile.Write(jsonPath, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            return ExitCodes.Done;
        });
        return command;
    }
}
