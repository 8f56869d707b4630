using System.CommandLine;
using PerfJudge.Jobs;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary><c>perfjudge measure FILE.py --entry NAME --input JSON</c>: parses into <see cref="MeasureOptions"/> and hands them to <see cref="MeasureHandler"/>.</summary>
public static class MeasureCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var file = new Argument<string>("file") { Description = "Python program defining the entry point" };
        var entry = new Option<string>("--entry") { Description = "Function to call", Required = true };
        var input = new Option<string>("--input") { Description = "JSON array of the call's arguments, e.g. '[[3,1,2]]'", Required = true };
        var target = new Option<double>("--target") { Description = "Stop when the median's 95% CI half-width is this fraction of it", DefaultValueFactory = _ => 0.01 };
        var minRounds = new Option<int>("--min-rounds") { Description = "Fewest repetitions", DefaultValueFactory = _ => 5 };
        var maxRounds = new Option<int>("--max-rounds") { Description = "Most repetitions", DefaultValueFactory = _ => 50 };
        var json = new Option<string?>("--json") { Description = "Write the measurement as JSON here" };
        var compare = new Option<string?>("--compare") { Description = "A second program to measure alternately with the first; reports the cost ratio (second / first)" };
        var engine = new EngineOptionSet(timeout: 30.0, jobs: 1, store: false);
        var command = new Command("measure", "Measure one program's cost on one input: median, CI, repetitions, meter, environment")
        {
            file, entry, input, target, minRounds, maxRounds, json, compare,
        };
        engine.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var files = new List<string> { parse.GetValue(file)! };
            if (parse.GetValue(compare) is { } other)
            {
                files.Add(other);
            }
            var options = new MeasureOptions(files, parse.GetValue(entry)!, parse.GetValue(input)!, parse.GetValue(engine.Meter)!,
                parse.GetValue(target), parse.GetValue(minRounds), parse.GetValue(maxRounds), parse.GetValue(engine.Timeout), engine.Read(parse));
            var unwritable = PerfJudge.Reports.OutputPaths.Check(("--json", parse.GetValue(json)));
            if (unwritable.Count > 0)
            {
                DiagnosticWriter.Write(errors, unwritable, "perfjudge measure");
                return ExitCodes.InputOrEnvironment;
            }
            return await MeasureHandler.RunAsync(console, errors, options, parse.GetValue(json), cancel);
        });
        return command;
    }
}
