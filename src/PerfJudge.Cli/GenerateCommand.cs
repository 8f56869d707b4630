using System.CommandLine;
using PerfJudge.Judging;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>The <c>generate</c> command: samples from an OpenAI-compatible endpoint into a samples file.</summary>
public static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var suite = new Option<string>("--suite") { Description = "Built-in suite (demo, humaneval, humaneval+, mbpp+, enamel) or a suite file", DefaultValueFactory = _ => "demo" };
        var output = new Option<string?>("--out", "-o") { Description = "Samples JSONL to write; an existing one is resumed (its finished samples are kept)" };
        var set = new GenerateOptionSet();
        var command = new Command("generate", "Generate n samples per task from an OpenAI-compatible endpoint (chat or plain completions), with tokens, latency and price per sample")
        {
            suite, output,
        };
        set.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var problems = new List<Diagnostic>();
            var options = set.Read(parse, parse.GetValue(suite)!, parse.GetValue(output), problems);
            problems.AddRange(options.Validate());
            if (problems.Any(p => p.IsError))
            {
                DiagnosticWriter.Write(errors, problems, "perfjudge generate");
                return ExitCodes.Usage;
            }
            return await new GenerateHandler(console, errors).RunAsync(options, cancel);
        });
        return command;
    }
}
