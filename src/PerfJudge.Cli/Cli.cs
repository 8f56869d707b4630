using System.CommandLine;
using Spectre.Console;

namespace PerfJudge.Cli;

/// <summary>Builds the command tree and maps outcomes to exit codes.</summary>
public static class Cli
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter errors, CancellationToken cancel)
    {
        var root = new RootCommand("PerfJudge: judges the correctness and efficiency of generated code, sandboxed.");
        root.Subcommands.Add(EvalCommand.Create(console, errors));
        root.Subcommands.Add(MeasureCommand.Create(console, errors));
        root.Subcommands.Add(AuditCommand.Create(console, errors));
        root.Subcommands.Add(ReportCommand.Create(console, errors));
        root.Subcommands.Add(ParetoCommand.Create(console, errors));
        root.Subcommands.Add(CompareCommand.Create(console, errors));
        root.Subcommands.Add(StressCommand.Create(console, errors));
        root.Subcommands.Add(MergeCommand.Create(console, errors));
        root.Subcommands.Add(PlanCommand.Create(console, errors));
        root.Subcommands.Add(GenerateCommand.Create(console, errors));
        root.Subcommands.Add(PairsCommand.Create(console, errors));
        root.Subcommands.Add(ServeCommand.Create(console, errors));
        if (args.Length == 0)
        {
            args = ["eval"];
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await errors.WriteLineAsync($"perfjudge: {error.Message}");
            }
            await errors.WriteLineAsync("Run 'perfjudge --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancel);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Expected failures are diagnostics; reaching here is a bug. One line, not a stack trace.
            await errors.WriteLineAsync($"perfjudge: internal error ({ex.GetType().Name}): {ex.Message}");
            await errors.WriteLineAsync(Environment.GetEnvironmentVariable("PERFJUDGE_DEBUG") is "1"
                ? ex.ToString()
                : "This is a bug in PerfJudge; please report it with the command line. PERFJUDGE_DEBUG=1 prints the stack trace.");
            return ExitCodes.Internal;
        }
    }
}
